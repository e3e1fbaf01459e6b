from diarium.cli import main

main()
