"""`python -m bench run ...`: see bench/README.md."""

from bench.cli import main

if __name__ == "__main__":
    main()
