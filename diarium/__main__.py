from diarium.cli import run

run()
