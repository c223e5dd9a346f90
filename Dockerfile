# Presale Desk: one bot instance. The install is the one .ci/run and `make` do (a venv,
# an editable install of this tree, so the Fluent files and scenarios are read from it),
# without the development tools.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/app/.venv/bin:$PATH

RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home presale
WORKDIR /app

COPY pyproject.toml README.md alembic.ini ./
COPY bot bot
COPY domain domain
COPY emulator emulator
COPY handlers handlers
COPY integrations integrations
COPY locales locales
COPY scenarios scenarios
COPY storage storage
RUN python -m venv .venv \
    && .venv/bin/pip install --quiet --upgrade pip \
    && .venv/bin/pip install --quiet -e . \
    && chown -R presale:presale /app

USER presale
ENV MODE=webhook LISTEN_HOST=0.0.0.0 LISTEN_PORT=8080
EXPOSE 8080
# Ready when every instance is: with WORKERS=N the container serves N of them, on
# LISTEN_PORT and the ports after it, and one stuck worker makes the container unhealthy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import os, urllib.request as r; port = int(os.environ['LISTEN_PORT']); [r.urlopen(f'http://127.0.0.1:{port + k}/readyz', timeout=1.5) for k in range(int(os.environ.get('WORKERS') or 1))]"]
ENTRYPOINT ["presale-bot"]
CMD ["run"]
