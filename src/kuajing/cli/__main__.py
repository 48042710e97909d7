"""``python -m kuajing.cli`` — the same as the ``kuajing`` command."""

from kuajing.cli import main

main()
