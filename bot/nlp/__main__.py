"""`python -m bot.nlp build [--out DIR]` builds the Danish spaCy pipeline offline."""

import argparse
import sys

from bot import ROOT
from bot.nlp import PIPELINE_DIR
from bot.nlp.build import build_pipeline


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.nlp")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the spaCy pipeline")
    build.add_argument("--out", default=str(ROOT / PIPELINE_DIR))
    args = parser.parse_args(argv)
    if args.command == "build":
        path = build_pipeline(args.out)
        print(f"spaCy pipeline written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
