from scrapnote.launch import main

main()
