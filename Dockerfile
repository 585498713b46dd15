# The Retaguarda server with its web app. Build: docker build -t retaguarda .
# Run:  docker run -p 8080:8080 -e RETAGUARDA_JWT_SECRET=... -e RETAGUARDA_DATABASE_URL=postgres://... retaguarda
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# `xtask web` adds the wasm32 target, the wasm-bindgen CLI that Cargo.lock names and
# wasm-split-cli, then builds the Leptos app into web/dist (a first bundle, a chunk per module).
RUN cargo xtask web
RUN cargo build --release -p api --bin retaguarda

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/retaguarda --create-home retaguarda
COPY --from=build /src/target/release/retaguarda /usr/local/bin/retaguarda
COPY --from=build /src/web/dist /usr/local/share/retaguarda/web
USER retaguarda
WORKDIR /var/lib/retaguarda
ENV RETAGUARDA_ENV=production \
    RETAGUARDA_BIND=0.0.0.0:8080 \
    RETAGUARDA_DATA_DIR=/var/lib/retaguarda \
    RETAGUARDA_WEB_DIR=/usr/local/share/retaguarda/web
EXPOSE 8080
CMD ["retaguarda"]
