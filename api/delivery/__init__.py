"""Delivery of new claims to subscribers, beside the API: Server-Sent Events (``sse``) and
signed webhooks (``webhooks``). What they deliver is read from the graph by
``graph.reads.feed``; nothing here talks to Neo4j directly."""
