# Multi-stage build of the hub: a static binary on a distroless base, with the shipped datasets.
# The workbench (web/dist, committed) is embedded in the binary, so no Node stage is needed.
# Build: docker build -t reformhub/hub .   Run: docker run -e NEO4J_URI=neo4j+s://… reformhub/hub
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hub ./cmd/hub

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/hub /hub
COPY data /data
EXPOSE 8080
# /readyz is the readiness probe, /healthz the liveness probe, /metrics for Prometheus.
ENTRYPOINT ["/hub"]
CMD ["serve"]
