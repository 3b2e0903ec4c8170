#!/usr/bin/env python3
"""Checks that the docker-compose deployment matches the native set-up, without a Docker engine.

  check_deploy.py SOURCE_DIR                     # the compose file, Dockerfile, docs vs the code
  check_deploy.py SOURCE_DIR --runtime-libs BIN...  # the runtime image has every linked library

The first form compares docker-compose.yml (as `docker-compose config` resolves it with no
variable set, and again with deploy/docker/.env.example), deploy/docker/Dockerfile,
deploy/docker/.env.example and deploy/README.md with common/config/settings.h and ./dev. The second maps the shared libraries
of built binaries to Debian packages and checks the Dockerfile's runtime packages pull them all in.
Prints one line per problem; exits 1 when there is any, 77 (skipped) when a tool is missing.
"""
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

SKIPPED = 77
# ./dev installs these too, but they are the database server, the deployment tool and the fuzzing
# toolchain (tests only; the image builds the four binaries).
NOT_IN_IMAGE = {"postgresql", "postgresql-contrib", "docker-compose", "clang", "libclang-rt-14-dev",
                "llvm"}
# Set by the image (ENV), not by the compose file: a host path would be wrong in a container.
IMAGE_SETTINGS = {"FAZHI_DATA_DIR", "FAZHI_WEB_STATIC_DIR"}
SERVICE_PORTS = {"ingestion": 50051, "extraction": 50052, "query": 50053}
# Each /metrics port, published on the host as ./dev up serves it.
METRICS_PORTS = {"ingestion": 9451, "extraction": 9452, "query": 9453, "web": 9454}


def settings_from_header(root):
    """{FAZHI_NAME: default} from the Setting table in settings.h."""
    text = (root / "common/config/settings.h").read_text()
    found = dict(re.findall(r'Setting\s+k\w+\s*\{\s*"(FAZHI_\w+)",\s*"([^"]*)"', text, re.S))
    if not found:
        raise SystemExit("no settings found in common/config/settings.h")
    return found


def dev_packages(root):
    text = (root / "dev").read_text()
    match = re.search(r"^PACKAGES=\((.*?)\)", text, re.S | re.M)
    return set(match.group(1).split())


def dockerfile_stages(root):
    """[(stage name, [instruction lines with continuations joined])] of the Dockerfile."""
    stages = []
    logical = ""
    for line in (root / "deploy/docker/Dockerfile").read_text().splitlines():
        if line.lstrip().startswith("#") and not logical:
            continue
        logical += line.rstrip("\\").strip() + " "
        if line.rstrip().endswith("\\"):
            continue
        instruction, logical = logical.strip(), ""
        if not instruction:
            continue
        if instruction.upper().startswith("FROM "):
            stages.append((instruction.split()[-1], []))
        elif stages:
            stages[-1][1].append(instruction)
    return stages


def apt_installs(instructions):
    """Package names given to `apt-get install` in RUN instructions."""
    packages = set()
    for instruction in instructions:
        for command in re.findall(r"apt-get install ([^&;]*)", instruction):
            packages |= {word for word in command.split() if not word.startswith("-")}
    return packages


def interpolated_names(text):
    return set(re.findall(r"\$\{(\w+)", text))


def with_defaults(text):
    """The compose file as docker-compose reads it when no variable is set."""
    text = re.sub(r"\$\{\w+:?-([^}]*)\}", r"\1", text)
    return text.replace("$$", "$")


def compose_config(root, env_file=None):
    """The compose file as docker-compose resolves it (anchors merged, `${VAR:-default}` filled
    in) in an environment without any variable; read directly when docker-compose is missing."""
    compose_file = root / "docker-compose.yml"
    if not shutil.which("docker-compose"):
        return yaml.safe_load(with_defaults(compose_file.read_text()))
    with tempfile.NamedTemporaryFile("w", suffix=".env") as empty:
        output = subprocess.run(
            ["docker-compose", "-f", str(compose_file), "--env-file", str(env_file or empty.name),
             "config"],
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, check=True, capture_output=True,
            text=True).stdout
    return yaml.safe_load(output)


def check_interpolation_defaults(compose_text, problems):
    """Every `${VAR}` the compose file reads has a default: it runs with no .env at all."""
    for name in sorted(set(re.findall(r"\$\{(\w+)\}", compose_text))):
        problems.append(f"docker-compose.yml: ${{{name}}} has no default (write ${{{name}:-...}})")


def check_health_and_volume(compose, problems):
    """Services are healthy when grpc.health.v1 says SERVING; PostgreSQL keeps its data in a
    named volume that outlives the containers."""
    services = compose["services"]
    for name in SERVICE_PORTS:
        test = services[name].get("healthcheck", {}).get("test", [])
        if test[:3] != ["CMD", "fazhi", "health"]:
            problems.append(f"{name}: the healthcheck is {test}, not `fazhi health` (gRPC health)")
    postgres = services.get("postgres", {})
    if "healthcheck" not in postgres:
        problems.append("postgres has no healthcheck")
    mounts = [str(volume).split(":") for volume in postgres.get("volumes", [])]
    data = [mount[0] for mount in mounts if len(mount) > 1 and mount[1] == "/var/lib/postgresql/data"]
    if not data or data[0] not in (compose.get("volumes") or {}):
        problems.append("postgres: /var/lib/postgresql/data is not on a named volume")


def check_settings_in_compose(compose, settings, problems):
    for name, service in compose["services"].items():
        if name == "postgres":
            continue
        environment = service.get("environment") or {}
        for key in environment:
            if key.startswith("FAZHI_") and key not in settings:
                problems.append(f"{name}: {key} is not a setting in common/config/settings.h")
        for key in settings.keys() - IMAGE_SETTINGS - environment.keys():
            problems.append(f"{name}: setting {key} is neither set nor passed through")


def check_service_roles(root, compose, problems):
    """Each service connects as its own role with its password from its own secret; migrate gives
    the roles their logins; no password is written in the compose file; ./dev does the same."""
    services = compose["services"]
    secrets = compose.get("secrets") or {}
    for name in SERVICE_PORTS:
        role = f"fazhi_{name}"
        environment = services[name].get("environment") or {}
        user = re.match(r"postgresql://([^@:/]+)@", environment.get("FAZHI_DATABASE_URL", ""))
        if user is None or user.group(1) != role:
            problems.append(f"{name}: FAZHI_DATABASE_URL does not log in as {role}")
        if environment.get("FAZHI_DATABASE_PASSWORD_FILE") != f"/run/secrets/{role}":
            problems.append(f"{name}: FAZHI_DATABASE_PASSWORD_FILE is not /run/secrets/{role}")
        if [secret if isinstance(secret, str) else secret.get("source")
                for secret in services[name].get("secrets", [])] != [role]:
            problems.append(f"{name}: its secrets are not exactly [{role}]")
    migrate = services["migrate"]
    if (migrate.get("environment") or {}).get("FAZHI_SERVICE_PASSWORDS_DIR") != "/run/secrets":
        problems.append("migrate: FAZHI_SERVICE_PASSWORDS_DIR is not /run/secrets")
    for role in ["fazhi_owner"] + [f"fazhi_{name}" for name in SERVICE_PORTS]:
        if role not in secrets or "file" not in secrets[role]:
            problems.append(f"docker-compose.yml: no secret file for {role}")
    for name, service in services.items():
        environment = service.get("environment") or {}
        for key in ("PGPASSWORD", "POSTGRES_PASSWORD"):
            if key in environment:
                problems.append(f"{name}: sets {key} (a password in the compose file; use a secret file)")
    dev = (root / "dev").read_text()
    for needed in ("fazhi_$name@", "FAZHI_DATABASE_PASSWORD_FILE=$RUN/secrets/fazhi_$name",
                   'FAZHI_SERVICE_PASSWORDS_DIR="$RUN/secrets"'):
        if needed not in dev:
            problems.append(f"./dev does not start the services as their own roles (no `{needed}`)")


def check_addresses(compose, problems):
    """Each service listens on 0.0.0.0:PORT, is health-checked there and reached as NAME:PORT."""
    services = compose["services"]
    for name, port in SERVICE_PORTS.items():
        variable = f"FAZHI_{name.upper()}_ADDR"
        service = services.get(name)
        if service is None:
            problems.append(f"no {name} service")
            continue
        if service["command"][0] != f"fazhi-{name}":
            problems.append(f"{name}: runs {service['command'][0]}, not fazhi-{name}")
        if service["environment"].get(variable) != f"0.0.0.0:{port}":
            problems.append(f"{name}: {variable} should be 0.0.0.0:{port} to listen in the network")
        if service["healthcheck"]["test"][-1] != f"127.0.0.1:{port}":
            problems.append(f"{name}: the healthcheck does not ask 127.0.0.1:{port}")
        if not any(re.search(rf":{port}(/tcp)?$", str(mapping)) for mapping in service.get("ports", [])):
            problems.append(f"{name}: container port {port} is not published")
        for other_name, other in services.items():
            value = (other.get("environment") or {}).get(variable)
            if other_name not in (name, "postgres") and value != f"{name}:{port}":
                problems.append(f"{other_name}: {variable} is {value}, should be {name}:{port}")


def check_metrics_ports(compose, problems):
    """Each service's /metrics listens on 0.0.0.0:PORT in the network and is published."""
    services = compose["services"]
    for name, port in METRICS_PORTS.items():
        service = services.get(name) or {}
        variable = f"FAZHI_{name.upper()}_METRICS_ADDR"
        if (service.get("environment") or {}).get(variable) != f"0.0.0.0:{port}":
            problems.append(f"{name}: {variable} should be 0.0.0.0:{port} to be scraped")
        if not any(re.search(rf":{port}(/tcp)?$", str(mapping)) for mapping in service.get("ports", [])):
            problems.append(f"{name}: metrics port {port} is not published")


def check_startup_order(compose, problems):
    services = compose["services"]
    conditions = {
        ("migrate", "postgres"): "service_healthy",
        ("extraction", "migrate"): "service_completed_successfully",
        ("query", "migrate"): "service_completed_successfully",
        ("ingestion", "migrate"): "service_completed_successfully",
        ("ingestion", "extraction"): "service_healthy",
    }
    for (name, dependency), condition in conditions.items():
        got = services[name].get("depends_on", {}).get(dependency, {}).get("condition")
        if got != condition:
            problems.append(f"{name} should wait for {dependency} to be {condition}, not {got}")
    if services["migrate"]["command"] != ["fazhi-ingestion", "--migrate-only"]:
        problems.append("migrate does not run fazhi-ingestion --migrate-only")


def check_stop_grace(compose, settings, problems):
    grace_s = int(settings["FAZHI_SHUTDOWN_GRACE_MS"]) / 1000
    for name in SERVICE_PORTS:
        period = compose["services"][name].get("stop_grace_period", "10s")
        match = re.fullmatch(r"(\d+)s", str(period))
        if not match or int(match.group(1)) <= grace_s:
            problems.append(f"{name}: stop_grace_period {period} is not longer than {grace_s:g} s")


def check_documented(root, compose_text, settings, problems):
    """Every variable is in .env.example and in deploy/README.md's table, with the right default."""
    example = (root / "deploy/docker/.env.example").read_text()
    readme = (root / "deploy/README.md").read_text()
    for name in sorted(interpolated_names(compose_text) - settings.keys()):
        if not re.search(rf"^{name}=", example, re.M):
            problems.append(f".env.example does not give {name}")
    for name in sorted(interpolated_names(compose_text) | settings.keys()):
        row = re.search(rf"^\| `{name}` \|([^|]*)\|", readme, re.M)
        if row is None:
            problems.append(f"deploy/README.md has no table row for {name}")
        elif name in settings and settings[name] and f"`{settings[name]}`" not in row.group(1):
            problems.append(f"deploy/README.md: {name} default is not `{settings[name]}`")
    for name, default in settings.items():
        if name not in IMAGE_SETTINGS and name in example and not re.search(
                rf"^# {name}={re.escape(default)}$", example, re.M):
            problems.append(f".env.example: {name} should show the default {default}")


def check_dockerfile(root, problems):
    stages = dict(dockerfile_stages(root))
    # "webapp" builds the web app with Debian's nodejs from web/'s lockfile (as ./dev build does).
    if not {"build", "runtime"} <= set(stages) <= {"build", "runtime", "webapp"}:
        problems.append(f"Dockerfile stages are {sorted(stages)}, expected build, runtime (and webapp)")
        return
    want = dev_packages(root) - NOT_IN_IMAGE
    got = apt_installs(stages["build"])
    if got != want:
        problems.append(f"build stage packages differ from ./dev: missing {sorted(want - got)}, "
                        f"extra {sorted(got - want)}")
    ignored = [line.strip() for line in (root / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    data_dir = None
    for instruction in stages["build"] + stages["runtime"]:
        words = instruction.split()
        if words[0] == "ENV" and words[1].startswith("FAZHI_DATA_DIR="):
            data_dir = words[1].split("=", 1)[1]
        if words[0] != "COPY" or any(word.startswith("--from") for word in words):
            continue
        for source in words[1:-1]:
            if not (root / source).exists():
                problems.append(f"Dockerfile: COPY source {source} does not exist")
            if any(fnmatch.fnmatch(source.split("/")[0], pattern) for pattern in ignored):
                problems.append(f"Dockerfile: COPY source {source} is excluded by .dockerignore")
        if words[1] == "data" and data_dir is None:
            data_dir = words[-1]
    copies = " ".join(i for i in stages["runtime"] if i.startswith("COPY data "))
    if data_dir is None or not copies.endswith(f" {data_dir}"):
        problems.append("Dockerfile: FAZHI_DATA_DIR is not where data/ is copied")
    check_readers_module(stages["runtime"], problems)
    for needed in ("data/indicators/indicators.json", "data/divisions/provinces.csv"):
        if not (root / needed).exists():
            problems.append(f"{needed} is missing: the extractor cannot load")


def check_readers_module(runtime, problems):
    """The runtime stage puts the readers' module at ../lib/fazhi from the binaries' folder, where
    they load it from (common/formats/format_readers.h)."""
    copies = [instruction.split() for instruction in runtime
              if instruction.startswith("COPY --from=build ")]
    binaries = next((words[-1] for words in copies if "/src/build/bin/fazhi" in words), None)
    module = next((words[-1] for words in copies if "/src/build/lib/fazhi" in words), None)
    if binaries is None or module is None:
        problems.append("Dockerfile: the runtime stage does not copy both the binaries and "
                        "/src/build/lib/fazhi (the PDF, Word and image readers' module)")
    elif os.path.normpath(os.path.join(binaries, "../lib/fazhi")) != os.path.normpath(module):
        problems.append(f"Dockerfile: the readers' module goes to {module}, but the binaries in "
                        f"{binaries} look for it in ../lib/fazhi")


def check_sources(root):
    problems = []
    settings = settings_from_header(root)
    compose_text = (root / "docker-compose.yml").read_text()
    check_interpolation_defaults(compose_text, problems)
    for env_file in (None, root / "deploy/docker/.env.example"):
        compose = compose_config(root, env_file)
        check_settings_in_compose(compose, settings, problems)
        check_addresses(compose, problems)
        check_metrics_ports(compose, problems)
        check_startup_order(compose, problems)
        check_stop_grace(compose, settings, problems)
        check_health_and_volume(compose, problems)
        check_service_roles(root, compose, problems)
    check_documented(root, compose_text, settings, problems)
    check_dockerfile(root, problems)
    return list(dict.fromkeys(problems))  # each once, though both configurations are checked


def library_packages(binaries):
    """Debian packages owning the shared libraries the binaries load."""
    libraries = set()
    for binary in binaries:
        output = subprocess.run(["ldd", binary], check=True, capture_output=True, text=True).stdout
        libraries |= set(re.findall(r"=> (/\S+)", output))
    paths = sorted(libraries | {str(Path(library).resolve()) for library in libraries})
    # dpkg knows a file by the path its package ships: /lib/... or /usr/lib/... (merged /usr).
    owners = subprocess.run(["dpkg", "-S", *paths], capture_output=True, text=True).stdout
    owned = {}
    for line in owners.splitlines():
        package, _, path = line.partition(": ")
        owned[path] = package.split(":")[0]
    packages = set()
    for library in libraries:
        package = owned.get(library) or owned.get(str(Path(library).resolve()))
        packages.add(package or f"<no package owns {library}>")
    return packages


def apt_closure(packages):
    output = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", *packages],
        check=True, capture_output=True, text=True).stdout
    return {line.split(":")[0] for line in output.splitlines() if line and not line.startswith(" ")}


def check_runtime_libraries(root, binaries):
    runtime = apt_installs(dict(dockerfile_stages(root))["runtime"])
    closure = apt_closure(sorted(runtime))
    missing = library_packages(binaries) - closure
    return [f"runtime stage does not install {package}, which the binaries link" for package in
            sorted(missing)]


def main(argv):
    root = Path(argv[1])
    if len(argv) > 2 and argv[2] == "--runtime-libs":
        if not all(shutil.which(tool) for tool in ("ldd", "dpkg", "apt-cache")):
            print("ldd, dpkg or apt-cache is missing: skipped")
            return SKIPPED
        problems = check_runtime_libraries(root, argv[3:])
    else:
        problems = check_sources(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
