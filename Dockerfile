# Nimbus for CI runners.
#
# Build it from a checkout where `npm ci` has run (it builds dist/ and the native
# modules for this Node ABI):
#
#   npm ci && docker build -t nimbus:latest .
#
# BASE must carry the same Node.js major (20) the native modules were built for.
# Where no registry is reachable, pass a locally built image, e.g.
#   docker build --build-arg BASE=nimbus/node:local -t nimbus:latest .
# No RUN steps: the image builds offline and with no shell in the base.
ARG BASE=node:20-bookworm-slim
FROM ${BASE}

COPY package.json package-lock.json nimbus.plugin.schema.json /opt/nimbus/
COPY node_modules /opt/nimbus/node_modules
COPY dist /opt/nimbus/dist
COPY core/schema /opt/nimbus/core/schema
COPY plugins /opt/nimbus/plugins
COPY templates /opt/nimbus/templates

# State (config, history) lives in a writable place; mount a volume here to keep it.
ENV NIMBUS_HOME=/tmp/nimbus NO_COLOR=1 NODE_ENV=production
WORKDIR /work
USER 65534:65534
ENTRYPOINT ["node", "/opt/nimbus/dist/tui/main.js"]
CMD ["help"]
