"""The ceiling: a bare FastAPI endpoint returning a small fixed JSON, served as the service is served."""

import argparse

from fastapi import FastAPI

from bench.uvicorn_options import run

app = FastAPI()


@app.get("/")
async def ceiling() -> dict[str, str]:
    """A fixed small document: what FastAPI itself costs per request on this machine."""
    return {"status": "ok", "service": "ceiling"}


def main() -> None:
    """Serve the ceiling on a loopback port."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    run(app, port=parser.parse_args().port)


if __name__ == "__main__":
    main()
