"""``python -m referat_parser`` runs the ``referat`` command line."""

from referat_parser.cli import main

if __name__ == "__main__":
    main()
