# The API and worker image (docker-compose.yml). Neo4j runs in its own official image there.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY graph graph
COPY ingest ingest
COPY api api
COPY queries queries
COPY web web
RUN pip install --no-cache-dir -c constraints.txt ".[redis]"
ENV KG_API_HOST=0.0.0.0
EXPOSE 8000
CMD ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
