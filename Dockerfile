# The dashboard, for editors: docker build -t mapview . && docker run -p 8501:8501 mapview
# Readers should get the static page of `mapview export` from a CDN instead (README, "Scaling").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so that a change to the code does not reinstall them.
COPY requirements.txt ./
RUN grep -v '^\.' requirements.txt > /tmp/deps.txt \
    && pip install -r /tmp/deps.txt \
    && rm /tmp/deps.txt

# A plain (non-editable) install: the data, the vendored scripts and the outlines are package
# data, so the sources are not needed once it is built.
COPY pyproject.toml README.md LICENSE /tmp/build/
COPY src/ /tmp/build/src/
RUN pip install --no-deps /tmp/build \
    && rm -rf /tmp/build \
    && useradd --create-home --uid 10001 --user-group mapview

USER mapview
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
CMD ["mapview", "serve", "--server.address=0.0.0.0", "--server.port=8501"]
