# The API and worker image (docker-compose.yml). Neo4j runs in its own official image there.
# Stage 1 builds the web page's assets from npm; stage 2 is the Python service.
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN bash build.sh

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY graph graph
COPY ingest ingest
COPY api api
COPY queries queries
# Editable install keeps queries/ and ingest/data/ where the code expects them.
RUN pip install --no-cache-dir -c constraints.txt -e ".[redis]"
COPY --from=web /web/dist /app/web/dist
ENV KG_WEB_DIST=/app/web/dist KG_API_HOST=0.0.0.0 KG_HOME=/data/kg
EXPOSE 8000
CMD ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
