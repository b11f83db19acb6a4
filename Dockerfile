# The Warta worker image used by docker-compose.yml.
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY workers ./workers
COPY schemas ./schemas
RUN pip install --no-cache-dir .
ENV WARTA_WEB_BIND=0.0.0.0
EXPOSE 6066
ENTRYPOINT ["warta"]
CMD ["worker"]
