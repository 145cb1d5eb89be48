# lattice-lint in a container: both binaries (lint and the diagram helper),
# static, on a minimal non-root base. Build from a clone:
#   docker build --build-arg VERSION=$(git describe --tags --always) \
#     --build-arg COMMIT=$(git rev-parse HEAD) -t lattice-lint .
# Run on the current folder:
#   docker run --rm -v "$PWD:/src" lattice-lint lint .
FROM golang:1.26 AS build
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
ARG DATE=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.date=${DATE}" \
      -o /out/ ./cmd/lattice-lint ./cmd/lattice-lint-render

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/lattice-lint /out/lattice-lint-render /usr/local/bin/
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/lattice-lint"]
CMD ["lint", "."]
