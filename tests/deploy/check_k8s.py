#!/usr/bin/env python3
"""Checks the Kubernetes manifests in deploy/k8s/ for syntax and consistency, without a cluster.

  check_k8s.py SOURCE_DIR

Every document parses and names its apiVersion, kind and metadata.name; the kustomization lists
every manifest; selectors match the pod labels; Services reach a container port by name; the
gRPC probes, listen addresses and connect addresses agree on the ports; every FAZHI_* variable
is a real setting of common/config/settings.h, every setting is in the ConfigMap (with its
default) or the Secret, and every referenced ConfigMap, Secret or key exists; the migration Job runs `fazhi-ingestion --migrate-only`; each service logs in as its own role with only its password
file mounted, and no manifest holds a password; the HorizontalPodAutoscaler
scales a Deployment that requests CPU; the drain pause outlasts a readiness probe's period and
pods get longer than the pause plus FAZHI_SHUTDOWN_GRACE_MS to drain;
the query pod is sized as docs/operations.md ("Sizing the query pod") says: a memory limit at
least its index, the search budget and the process, and a gRPC startup probe that waits at least
twice the documented build of the index, and its snapshot on a volume that holds two snapshots.
Prints one line per problem; exits 1 when there is any.
"""
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from check_deploy import settings_from_header  # noqa: E402  (the one parser of settings.h)

# Variables the pods may get that are not fazhi settings: libpq's own.
LIBPQ_VARIABLES = {"PGPASSWORD"}
SERVICES = {"ingestion": 50051, "extraction": 50052, "query": 50053}


def load_documents(k8s_dir, problems):
    """{(kind, name): document} of every manifest, and the files the kustomization lists."""
    documents = {}
    listed = []
    for path in sorted(k8s_dir.glob("*.yaml")):
        try:
            parsed = [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
        except yaml.YAMLError as error:
            problems.append(f"{path.name}: does not parse: {error}")
            continue
        for doc in parsed:
            name = (doc.get("metadata") or {}).get("name")
            if not doc.get("apiVersion") or not doc.get("kind") or not name:
                problems.append(f"{path.name}: a document lacks apiVersion, kind or metadata.name")
                continue
            if doc["kind"] == "Kustomization":
                listed = doc.get("resources", [])
                # A generated Secret's keys are its files' names (the files are made at deploy time).
                for generator in doc.get("secretGenerator", []):
                    documents[("Secret", generator["name"])] = {
                        "kind": "Secret", "metadata": {"name": generator["name"]}, "generated": True,
                        "data": {Path(file).name: None for file in generator.get("files", [])}}
                continue
            if (doc["kind"], name) in documents:
                problems.append(f"{path.name}: {doc['kind']} {name} is defined twice")
            documents[(doc["kind"], name)] = doc
    manifests = {path.name for path in k8s_dir.glob("*.yaml")} - {"kustomization.yaml"}
    if set(listed) != manifests:
        problems.append(f"kustomization.yaml lists {sorted(listed)}, the folder has {sorted(manifests)}")
    return documents


def of_kind(documents, kind):
    return {name: doc for (doc_kind, name), doc in documents.items() if doc_kind == kind}


def pod_spec(workload):
    return workload["spec"]["template"]["spec"]


def container_env(documents, container):
    """{name: value or None} a container sees: its envFrom sources, then its env."""
    environment = {}
    for source in container.get("envFrom", []):
        for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if ref in source:
                doc = documents.get((kind, source[ref]["name"]), {})
                environment.update(doc.get("data") or {})
                environment.update(doc.get("stringData") or {})
    for variable in container.get("env", []):
        environment[variable["name"]] = variable.get("value")
    return environment


def check_references(documents, name, container, problems):
    for source in container.get("envFrom", []):
        for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if ref in source and (kind, source[ref]["name"]) not in documents:
                problems.append(f"{name}: envFrom names a {kind} {source[ref]['name']} that is not defined")
    for variable in container.get("env", []):
        for kind, ref in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
            key_ref = (variable.get("valueFrom") or {}).get(ref)
            if key_ref is None:
                continue
            doc = documents.get((kind, key_ref["name"]), {})
            keys = set(doc.get("data") or {}) | set(doc.get("stringData") or {})
            if key_ref["key"] not in keys:
                problems.append(f"{name}: {variable['name']} comes from {kind} {key_ref['name']} "
                                f"key {key_ref['key']}, which does not exist")


def secret_key_refs(documents):
    """The Secret keys containers read by secretKeyRef (not settings themselves: `query-url`)."""
    refs = set()
    for kind in ("Deployment", "Job"):
        for doc in of_kind(documents, kind).values():
            for container in pod_spec(doc)["containers"]:
                for variable in container.get("env", []):
                    key_ref = (variable.get("valueFrom") or {}).get("secretKeyRef")
                    if key_ref is not None:
                        refs.add(key_ref["key"])
    return refs


def check_env_names(documents, settings, problems):
    referenced = secret_key_refs(documents)
    names = []
    for kind in ("ConfigMap", "Secret"):
        for name, doc in of_kind(documents, kind).items():
            if doc.get("generated"):
                continue  # files mounted as files (passwords), not variables
            names += [(f"{kind} {name}", key) for key in {**(doc.get("data") or {}),
                                                         **(doc.get("stringData") or {})}]
    for kind in ("Deployment", "Job"):
        for name, doc in of_kind(documents, kind).items():
            for container in pod_spec(doc)["containers"]:
                names += [(f"{kind} {name}", variable["name"]) for variable in container.get("env", [])]
    for where, key in names:
        if key not in settings and key not in LIBPQ_VARIABLES and key not in referenced:
            problems.append(f"{where}: {key} is not a setting in common/config/settings.h")
    # The image sets FAZHI_DATA_DIR; every other setting is shown in the ConfigMap or Secret.
    for key in sorted(settings.keys() - {key for _, key in names} - {"FAZHI_DATA_DIR"}):
        problems.append(f"setting {key} is in neither the ConfigMap nor the Secret")
    for name, doc in of_kind(documents, "ConfigMap").items():
        for key, value in (doc.get("data") or {}).items():
            if key in settings and not key.endswith("_ADDR") and str(value) != settings[key]:
                problems.append(f"ConfigMap {name}: {key} is {value}, not the default {settings[key]}")


def check_service_roles(documents, problems):
    """Each service Deployment logs in as its own role (fazhi_X, from the Secret's X-url) with only
    its own password file mounted; the migration Job gives the roles their logins; no Secret holds
    a password in the manifests."""
    urls = documents.get(("Secret", "fazhi-database"), {}).get("stringData") or {}
    for component in SERVICES:
        name, role = f"fazhi-{component}", f"fazhi_{component}"
        deployment = documents.get(("Deployment", name))
        if deployment is None:
            continue
        spec = pod_spec(deployment)
        container = spec["containers"][0]
        env = {variable["name"]: variable for variable in container.get("env", [])}
        key = ((env.get("FAZHI_DATABASE_URL") or {}).get("valueFrom") or {}).get("secretKeyRef", {}).get("key")
        user = re.match(r"postgresql://([^@:/]+)@", urls.get(key, "") if key else "")
        if user is None or user.group(1) != role:
            problems.append(f"Deployment {name}: FAZHI_DATABASE_URL does not log in as {role}")
        if (env.get("FAZHI_DATABASE_PASSWORD_FILE") or {}).get("value") != f"/run/secrets/fazhi/{role}":
            problems.append(f"Deployment {name}: FAZHI_DATABASE_PASSWORD_FILE is not /run/secrets/fazhi/{role}")
        items = [item["key"] for volume in spec.get("volumes", [])
                 for item in (volume.get("secret") or {}).get("items", [])]
        if items != [role]:
            problems.append(f"Deployment {name}: mounts the password files {items}, not exactly [{role}]")
    for job_name, job in of_kind(documents, "Job").items():
        env = {variable["name"]: variable.get("value") for variable in pod_spec(job)["containers"][0].get("env", [])}
        if env.get("FAZHI_SERVICE_PASSWORDS_DIR") != "/run/secrets/fazhi":
            problems.append(f"Job {job_name}: FAZHI_SERVICE_PASSWORDS_DIR is not /run/secrets/fazhi")
    for secret_name, secret in of_kind(documents, "Secret").items():
        for key in {**(secret.get("data") or {}), **(secret.get("stringData") or {})}:
            if key in LIBPQ_VARIABLES:
                problems.append(f"Secret {secret_name}: holds {key} (passwords come from the generated files)")
    for kind in ("Deployment", "Job"):
        for name, doc in of_kind(documents, kind).items():
            for volume in pod_spec(doc).get("volumes", []):
                secret = (volume.get("secret") or {}).get("secretName")
                if secret is not None and ("Secret", secret) not in documents:
                    problems.append(f"{kind} {name}: volume {volume['name']} names a Secret {secret} that is not defined")


def check_workload_labels(documents, problems):
    for kind in ("Deployment", "Job"):
        for name, doc in of_kind(documents, kind).items():
            labels = doc["spec"]["template"]["metadata"].get("labels", {})
            selector = (doc["spec"].get("selector") or {}).get("matchLabels")
            if kind == "Deployment" and not selector:
                problems.append(f"Deployment {name} has no selector.matchLabels")
            elif selector and not selector.items() <= labels.items():
                problems.append(f"{kind} {name}: selector {selector} does not match its pod labels {labels}")


def deployment_for(documents, selector):
    """The Deployments whose pods a label selector picks."""
    return [name for name, doc in of_kind(documents, "Deployment").items()
            if selector.items() <= doc["spec"]["template"]["metadata"].get("labels", {}).items()]


def check_service(documents, component, port, settings, problems):
    """Deployment fazhi-X listens on 0.0.0.0:PORT, is probed there over gRPC, the Service fazhi-X
    reaches it, and the ConfigMap tells the others to connect to fazhi-X:PORT."""
    name = f"fazhi-{component}"
    deployment = documents.get(("Deployment", name))
    service = documents.get(("Service", name))
    if deployment is None or service is None:
        problems.append(f"{name}: needs a Deployment and a Service")
        return
    container = pod_spec(deployment)["containers"][0]
    check_references(documents, name, container, problems)
    if container.get("command") != [name]:
        problems.append(f"Deployment {name} runs {container.get('command')}, not [{name}]")
    environment = container_env(documents, container)
    variable = f"FAZHI_{component.upper()}_ADDR"
    if environment.get(variable) != f"0.0.0.0:{port}":
        problems.append(f"Deployment {name}: {variable} is {environment.get(variable)}, should be 0.0.0.0:{port}")
    ports = {entry.get("name"): entry["containerPort"] for entry in container.get("ports", [])}
    if port not in ports.values():
        problems.append(f"Deployment {name}: container port {port} is not declared")
    metrics = environment.get(f"FAZHI_{component.upper()}_METRICS_ADDR") or ""
    metrics_port = metrics.rpartition(":")[2]
    annotations = deployment["spec"]["template"]["metadata"].get("annotations", {})
    if not metrics.startswith("0.0.0.0:") or ports.get("metrics") != int(metrics_port) or \
            annotations.get("prometheus.io/port") != metrics_port:
        problems.append(f"Deployment {name}: /metrics ({metrics}) is not on 0.0.0.0 at the declared "
                        "`metrics` port and the prometheus.io/port annotation")
    for probe in ("readinessProbe", "livenessProbe"):
        grpc = (container.get(probe) or {}).get("grpc")
        if grpc is None or grpc.get("port") != port:
            problems.append(f"Deployment {name}: {probe} is not a gRPC probe on port {port}")
    if deployment_for(documents, service["spec"].get("selector", {})) != [name]:
        problems.append(f"Service {name}: selector does not pick exactly Deployment {name}")
    for entry in service["spec"].get("ports", []):
        target = entry.get("targetPort", entry["port"])
        if entry["port"] != port or (ports.get(target) if isinstance(target, str) else target) != port:
            problems.append(f"Service {name}: port {entry['port']} -> {target} does not reach {port}")
    for configmap_name, configmap in of_kind(documents, "ConfigMap").items():
        value = (configmap.get("data") or {}).get(variable)
        if value is not None and value != f"{name}:{port}":
            problems.append(f"ConfigMap {configmap_name}: {variable} is {value}, should be {name}:{port}")
    check_shutdown_timing(name, deployment, container, environment, settings, problems)


def check_shutdown_timing(name, deployment, container, environment, settings, problems):
    """On SIGTERM a service says NOT_SERVING for FAZHI_DRAIN_PAUSE_MS while still serving: long
    enough for a readiness probe to poll it (one period plus its timeout, however the period and
    the SIGTERM fall), and the pod lives for the pause plus the FAZHI_SHUTDOWN_GRACE_MS drain."""
    grace_ms = int(environment.get("FAZHI_SHUTDOWN_GRACE_MS") or settings["FAZHI_SHUTDOWN_GRACE_MS"])
    pause_ms = int(environment.get("FAZHI_DRAIN_PAUSE_MS") or settings["FAZHI_DRAIN_PAUSE_MS"])
    readiness = container.get("readinessProbe") or {}
    poll_ms = (readiness.get("periodSeconds", 10) + readiness.get("timeoutSeconds", 1)) * 1000
    if pause_ms < poll_ms:
        problems.append(f"Deployment {name}: FAZHI_DRAIN_PAUSE_MS ({pause_ms} ms) is shorter than the "
                        f"readiness probe's period plus timeout ({poll_ms} ms): it may miss NOT_SERVING")
    if pod_spec(deployment).get("terminationGracePeriodSeconds", 30) * 1000 <= pause_ms + grace_ms:
        problems.append(f"Deployment {name}: terminationGracePeriodSeconds is not longer than "
                        f"FAZHI_DRAIN_PAUSE_MS plus FAZHI_SHUTDOWN_GRACE_MS ({pause_ms + grace_ms} ms)")


def check_migration_job(documents, problems):
    jobs = of_kind(documents, "Job")
    commands = [pod_spec(job)["containers"][0].get("command") for job in jobs.values()]
    if ["fazhi-ingestion", "--migrate-only"] not in commands:
        problems.append("no Job runs fazhi-ingestion --migrate-only")
    for name, job in jobs.items():
        check_references(documents, f"Job {name}", pod_spec(job)["containers"][0], problems)


def check_autoscaler(documents, problems):
    autoscalers = of_kind(documents, "HorizontalPodAutoscaler")
    if not any(hpa["spec"]["scaleTargetRef"]["name"] == "fazhi-extraction" for hpa in autoscalers.values()):
        problems.append("no HorizontalPodAutoscaler scales fazhi-extraction")
    for name, hpa in autoscalers.items():
        target = documents.get(("Deployment", hpa["spec"]["scaleTargetRef"]["name"]))
        if target is None:
            problems.append(f"HorizontalPodAutoscaler {name} scales a Deployment that is not defined")
            continue
        requests = pod_spec(target)["containers"][0].get("resources", {}).get("requests", {})
        if "cpu" not in requests:
            problems.append(f"HorizontalPodAutoscaler {name}: its Deployment requests no CPU")
        if "replicas" in target["spec"]:
            problems.append(f"HorizontalPodAutoscaler {name}: its Deployment also fixes replicas")


def check_images(documents, problems):
    images = {container["image"] for kind in ("Deployment", "Job")
              for doc in of_kind(documents, kind).values() for container in pod_spec(doc)["containers"]}
    if len(images) != 1:
        problems.append(f"the workloads run different images: {sorted(images)}")


SIZING_MARKER = "<!-- query-pod-sizing:"
BYTE_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KiB": 2**10, "MiB": 2**20,
              "GiB": 2**30, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "M": 10**6, "G": 10**9}


def quantity_bytes(text):
    """Bytes of "1.44 GB" (a doc's figure) or "3Gi" (a Kubernetes quantity)."""
    match = re.fullmatch(r"([\d.]+)\s*([A-Za-z]*)", str(text).strip())
    if match is None or match.group(2) not in BYTE_UNITS:
        raise ValueError(f"not a quantity of bytes: {text!r}")
    return float(match.group(1)) * BYTE_UNITS[match.group(2)]


def documented_query_sizing(root, problems):
    """{row name: figure} of the table after the sizing marker in docs/operations.md."""
    text = (root / "docs/operations.md").read_text()
    start = text.find(SIZING_MARKER)
    if start < 0:
        problems.append("docs/operations.md has no query-pod-sizing table")
        return {}
    rows = {}
    for line in text[start:].splitlines()[1:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = cells[1]
    return rows


def check_snapshot_volume(deployment, container, rows, problems):
    """The query's index snapshot is on a volume of its own that holds two documented snapshots
    (a new one is written beside the old one, then renamed)."""
    path = next((variable.get("value") for variable in container.get("env", [])
                 if variable["name"] == "FAZHI_QUERY_INDEX_SNAPSHOT"), None)
    if not path:
        problems.append("Deployment fazhi-query: FAZHI_QUERY_INDEX_SNAPSHOT is not set: every restart rebuilds the index")
        return
    folder = str(Path(path).parent)
    mount = next((mount for mount in container.get("volumeMounts", []) if mount["mountPath"] == folder), None)
    volume = next((volume for volume in pod_spec(deployment).get("volumes", [])
                   if mount and volume["name"] == mount["name"]), None)
    size = ((volume or {}).get("emptyDir") or {}).get("sizeLimit")
    if volume is None:
        problems.append(f"Deployment fazhi-query: no volume is mounted at {folder} for the index snapshot")
    elif "emptyDir" in volume and (size is None or quantity_bytes(size) < 2 * quantity_bytes(rows.get("snapshot file", "0 B"))):
        problems.append(f"Deployment fazhi-query: the snapshot volume's sizeLimit {size} does not hold two "
                        f"snapshots of {rows.get('snapshot file')}")


def check_query_sizing(root, documents, settings, problems):
    """The query pod's memory limit holds the documented index, search budget and process; its
    startup probe lets the documented build from PostgreSQL run twice over."""
    rows = documented_query_sizing(root, problems)
    needed = ("index memory after a build", "the process without its index", "build from PostgreSQL",
              "snapshot file")
    if any(name not in rows for name in needed):
        problems.append(f"docs/operations.md: the query-pod-sizing table lacks a row of {needed}")
        return
    deployment = documents.get(("Deployment", "fazhi-query"))
    if deployment is None:
        return
    container = pod_spec(deployment)["containers"][0]
    search_bytes = int(container_env(documents, container).get("FAZHI_QUERY_SEARCH_BYTES")
                       or settings["FAZHI_QUERY_SEARCH_BYTES"])
    want = (quantity_bytes(rows["index memory after a build"]) + search_bytes
            + quantity_bytes(rows["the process without its index"]))
    limit = container.get("resources", {}).get("limits", {}).get("memory")
    if limit is None or quantity_bytes(limit) < want:
        problems.append(f"Deployment fazhi-query: memory limit {limit} is below the "
                        f"{want / 2**30:.2f} GiB docs/operations.md sizes it for")
    check_snapshot_volume(deployment, container, rows, problems)
    probe = container.get("startupProbe") or {}
    if (probe.get("grpc") or {}).get("port") != SERVICES["query"]:
        problems.append(f"Deployment fazhi-query: no gRPC startupProbe on port {SERVICES['query']}")
        return
    window = probe.get("initialDelaySeconds", 0) + probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3)
    build_seconds = float(re.match(r"[\d.]+", rows["build from PostgreSQL"]).group(0))
    if window < 2 * build_seconds:
        problems.append(f"Deployment fazhi-query: the startupProbe waits {window} s, less than twice "
                        f"the documented {build_seconds:g} s build of the index")


def check(root):
    problems = []
    settings = settings_from_header(root)
    documents = load_documents(root / "deploy/k8s", problems)
    check_env_names(documents, settings, problems)
    check_workload_labels(documents, problems)
    for component, port in SERVICES.items():
        check_service(documents, component, port, settings, problems)
    check_migration_job(documents, problems)
    check_service_roles(documents, problems)
    check_autoscaler(documents, problems)
    check_images(documents, problems)
    check_query_sizing(root, documents, settings, problems)
    return problems


def main(argv):
    problems = check(Path(argv[1]))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
