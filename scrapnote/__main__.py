from scrapnote.cli import main

main()
