# Multi-stage build of the hub: a static binary on a distroless base, with the shipped datasets.
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
ENTRYPOINT ["/hub"]
CMD ["serve"]
