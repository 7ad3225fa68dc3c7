# exchange-ledger: migrates the database, then serves the API.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/exchange-ledger.db

WORKDIR /app
COPY requirements.lock pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
RUN pip install --no-compile -c requirements.lock . \
    && useradd --system --uid 10001 --home-dir /app ledger \
    && mkdir /data && chown ledger /data

USER 10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"]
CMD ["sh", "-c", "exchange-ledger db upgrade && exec exchange-ledger serve --host 0.0.0.0 --port 8000 --workers ${WORKERS:-2}"]
