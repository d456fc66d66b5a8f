# syntax=docker/dockerfile:1
# ReliefMarket in a container: the same Release build scripts/cluster publishes, on the official ASP.NET runtime image.
# NOT RUN HERE: the machine this repository is built and tested on has no Docker daemon, so this file and
# deploy/compose.yaml were written with care but have never been built or started. scripts/cluster is what runs.
#
#   docker build -t reliefmarket .
#   docker compose -f deploy/compose.yaml --env-file deploy/.env up      (see deploy/compose.yaml)
#
# Note: .NET 10's default image tags (sdk:10.0, aspnet:10.0) are Ubuntu 24.04 "Noble"; Microsoft ships no
# Debian images for .NET 10.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files alone, so that a code change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ReliefMarket.Domain/ReliefMarket.Domain.csproj src/ReliefMarket.Domain/
COPY src/ReliefMarket.Web/ReliefMarket.Web.csproj src/ReliefMarket.Web/
# _IsPublishing is what `dotnet publish` sets: the project then asks for a ReadyToRun build (docs/decisions/0025),
# whose runtime pack and compiler must be restored here too for `--no-restore` below.
RUN dotnet restore src/ReliefMarket.Web/ReliefMarket.Web.csproj -p:_IsPublishing=true
# The web root is the top-level wwwroot-assets/, linked as src/ReliefMarket.Web/wwwroot (a relative symlink that
# COPY keeps as a link): both must be in the build context.
COPY wwwroot-assets/ wwwroot-assets/
COPY src/ src/
RUN dotnet publish src/ReliefMarket.Web -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Production on purpose: the app refuses to start until the operator has set Site:PublicBaseUrl, a payment
# provider (or Payments:UseSandbox=true) and an SMTP server (or Email:UsePickupFolder=true) — see compose.yaml.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServerConcurrent=false
EXPOSE 8080
# The image's own non-root user (uid 1654, named "app"); it owns nothing in /app, so the app cannot rewrite itself.
USER app
# /healthz/live answers 200 while the process serves requests. The runtime image has neither curl nor wget;
# instead of installing one, bash (present in the Ubuntu-based image, not in the chiseled or Alpine variants)
# speaks one HTTP/1.0 request over /dev/tcp. Its Host header is the host of Site:PublicBaseUrl, which AllowedHosts
# admits (a Host outside AllowedHosts gets 400).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "host=${Site__PublicBaseUrl#*://}; host=${host%%/*}; exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz/live HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n' \"$host\" >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ReliefMarket.Web.dll"]
