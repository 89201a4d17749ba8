"""The real Dagster webserver and daemon, end to end: `dagster-webserver` and `dagster-daemon run` on a free
loopback port, with a temporary DAGSTER_HOME (dagster_home/dagster.yaml: the queued run coordinator, so the
daemon starts the run), a temporary warehouse and the example inbox. Through the webserver's GraphQL API: the code
location loads with every asset, asset check, job, schedule and sensor of `defs`, and `event_mentions` is served
with its daily partitions, its single-run backfill policy and its code version (the extractor version); a run of
rasd_pipeline for one partition of the example inbox (launched with launchRun and the tag dagster/partition) goes
from the queue to SUCCESS, extracts only that day's articles and shows as that partition's materialization; a
backfill of six partitions is one run; an unpartitioned run of the whole job succeeds; the inbox sensor, turned
on, has the daemon launch the partition-range run it requests for a file added to (a copy of) the inbox. Every
process started here is killed (its process group) at the end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "dbt_project" / "target" / "manifest.json"
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 240
RUN_TIMEOUT_S = 600

LOCATIONS_QUERY = """
query {
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        locationOrLoadError { __typename ... on PythonError { message stack } }
      }
    }
    ... on PythonError { message }
  }
}
"""

REPOSITORY_QUERY = """
query {
  repositoriesOrError {
    __typename
    ... on RepositoryConnection {
      nodes {
        name
        location { name }
        jobs { name isAssetJob tags { key value } }
        schedules { name cronSchedule executionTimezone pipelineName scheduleState { status } }
        sensors { name targets { pipelineName } sensorState { status } }
        assetNodes {
          assetKey { path }
          groupName
          isPartitioned
          opVersion
          partitionDefinition { type description }
          backfillPolicy { policyType maxPartitionsPerRun }
          assetChecksOrError { __typename ... on AssetChecks { checks { name } } }
        }
      }
    }
    ... on PythonError { message }
  }
}
"""

LAUNCH_MUTATION = """
mutation Launch($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId status } }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on PythonError { message stack }
    ... on Error { message }
  }
}
"""

RUN_QUERY = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run { runId status tags { key value } startTime endTime }
    ... on Error { message }
  }
}
"""

PARTITION_QUERY = """
query Partition($partition: String!) {
  assetNodes(assetKeys: [{path: ["event_mentions"]}]) {
    partitionStats { numMaterialized numPartitions numFailed }
    assetMaterializations(partitions: [$partition], limit: 5) { partition runId }
    staleStatus(partition: $partition)
  }
}
"""

BACKFILL_MUTATION = """
mutation Backfill($params: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $params) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message stack }
    ... on Error { message }
  }
}
"""

BACKFILL_QUERY = """
query Backfill($id: String!) {
  partitionBackfillOrError(backfillId: $id) {
    __typename
    ... on PartitionBackfill {
      status
      numPartitions
      error { message }
      runs { runId status tags { key value } }
    }
    ... on Error { message }
  }
}
"""

START_SENSOR_MUTATION = """
mutation Start($selector: SensorSelector!) {
  startSensor(sensorSelector: $selector) {
    __typename
    ... on Sensor { name sensorState { status } }
    ... on PythonError { message stack }
    ... on Error { message }
  }
}
"""

RUNS_QUERY = """
query Runs($filter: RunsFilter) {
  runsOrError(filter: $filter) {
    __typename
    ... on Runs { results { runId status tags { key value } } }
    ... on PythonError { message }
  }
}
"""

RUN_FAILURES_QUERY = """
query Logs($runId: ID!) {
  logsForRun(runId: $runId) {
    __typename
    ... on EventConnection {
      events {
        __typename
        ... on MessageEvent { message stepKey }
        ... on ExecutionStepFailureEvent { error { message } }
        ... on RunFailureEvent { error { message } }
      }
    }
  }
}
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str, variables: dict | None = None, timeout: float = 60) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        payload = json.loads(response.read())
    assert not payload.get("errors"), payload["errors"]
    return payload["data"]


def stop(process: subprocess.Popen) -> None:
    """SIGTERM the process group, then SIGKILL whatever is left of it."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # children outliving the leader too
    except ProcessLookupError:
        pass
    if process.poll() is None:
        process.wait(timeout=10)


def tail(path: Path, n: int = 4000) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-n:] if path.exists() else ""


@pytest.fixture(scope="module")
def webserver(tmp_path_factory, gazetteer_dir: Path):
    if not MANIFEST.exists():
        pytest.fail(f"{MANIFEST} is missing: run `make dbt-parse` first")
    root = tmp_path_factory.mktemp("webserver")
    home = root / "dagster_home"
    home.mkdir()
    inbox = root / "inbox"  # a copy of the example inbox: the sensor test adds a file to it
    shutil.copytree(REPO / "data" / "inbox", inbox)
    shutil.copyfile(REPO / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "RASD_INBOX": str(inbox),
        "RASD_WAREHOUSE": str(root / "wh" / "warehouse.duckdb"),
        "RASD_GAZETTEER_DIR": str(gazetteer_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("RASD_SERVING_DIR", None)
    env.pop("DAGSTER_IS_DEV_CLI", None)  # no `dbt parse` into dbt_project/target on load
    port = free_port()
    workspace = str(REPO / "workspace.yaml")
    commands = {
        "webserver": [str(BIN / "dagster-webserver"), "-w", workspace, "-h", "127.0.0.1", "-p", str(port)],
        "daemon": [str(BIN / "dagster-daemon"), "run", "-w", workspace],
    }
    # The instance's SQLite storage is created here, before two processes race to create it.
    subprocess.run(
        [sys.executable, "-c", "import dagster; dagster.DagsterInstance.get().dispose()"],
        env=env, check=True, timeout=120,
    )  # fmt: skip
    processes: dict[str, subprocess.Popen] = {}
    logs = {name: root / f"{name}.log" for name in commands}
    try:
        for name, command in commands.items():
            with open(logs[name], "w") as log:
                processes[name] = subprocess.Popen(
                    command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
        deadline = time.monotonic() + START_TIMEOUT_S
        entries = None
        while time.monotonic() < deadline:
            for name, process in processes.items():
                assert process.poll() is None, f"{name} exited:\n{tail(logs[name])}"
            try:
                data = graphql(port, LOCATIONS_QUERY, timeout=10)["workspaceOrError"]
                entries = data.get("locationEntries") or []
                if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(1)
        else:
            raise AssertionError(
                f"the webserver did not load the code location:\n{entries}\n{tail(logs['webserver'])}"
            )
        yield {
            "port": port, "root": root, "inbox": inbox, "entries": entries, "logs": logs, "processes": processes
        }  # fmt: skip
    finally:
        for process in processes.values():
            stop(process)


@pytest.fixture(scope="module")
def repository(webserver) -> dict:
    data = graphql(webserver["port"], REPOSITORY_QUERY)["repositoriesOrError"]
    assert data["__typename"] == "RepositoryConnection", data
    assert len(data["nodes"]) == 1
    return data["nodes"][0]


def test_code_location_loads(webserver) -> None:
    entries = webserver["entries"]
    assert [e["locationOrLoadError"]["__typename"] for e in entries] == ["RepositoryLocation"], entries
    assert entries[0]["name"] == "orchestration.definitions"


def test_every_asset_and_check_is_served(repository) -> None:
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    expected_assets = {key.to_user_string() for key in graph.get_all_asset_keys()}
    expected_checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    served_assets = {"/".join(node["assetKey"]["path"]) for node in repository["assetNodes"]}
    served_checks = {
        ("/".join(node["assetKey"]["path"]), check["name"])
        for node in repository["assetNodes"]
        if node["assetChecksOrError"]["__typename"] == "AssetChecks"
        for check in node["assetChecksOrError"]["checks"]
    }
    # the webserver also lists the dbt sources' external assets; every asset of defs is there
    assert expected_assets <= served_assets
    assert served_checks == expected_checks
    assert {"rejected_rows_rate", "every_article_extracted", "evidence_offsets_match_text"} <= {
        name for _, name in served_checks
    }


def test_jobs_schedules_sensors_are_served(repository) -> None:
    jobs = {job["name"]: job for job in repository["jobs"] if not job["name"].startswith("__")}
    assert set(jobs) == {"rasd_pipeline"}
    assert {"key": "rasd/warehouse", "value": "write"} in jobs["rasd_pipeline"]["tags"]
    schedules = {s["name"]: s for s in repository["schedules"]}
    assert schedules["rasd_pipeline_daily"]["cronSchedule"] == "0 2 * * *"
    assert schedules["rasd_pipeline_daily"]["pipelineName"] == "rasd_pipeline"
    sensors = {s["name"]: s for s in repository["sensors"]}
    assert [t["pipelineName"] for t in sensors["inbox_sensor"]["targets"]] == ["rasd_pipeline"]


def test_partitions_are_served(repository) -> None:
    from orchestration.partitions import publication_days

    nodes = {"/".join(node["assetKey"]["path"]): node for node in repository["assetNodes"]}
    mentions = nodes["event_mentions"]
    assert mentions["isPartitioned"] and mentions["partitionDefinition"]["type"] == "TIME_WINDOW"
    assert mentions["partitionDefinition"]["description"] == str(publication_days)
    assert "Daily, starting 2011-03-01 UTC" in mentions["partitionDefinition"]["description"]
    assert mentions["backfillPolicy"]["policyType"] == "SINGLE_RUN"
    # the code version is the extractor version (that the partitioned run records in the warehouse, below)
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{10}", mentions["opVersion"]), mentions["opVersion"]
    # ingest, the gazetteer, the dbt models and the publication are not partitioned
    partitioned = {key for key, node in nodes.items() if node["isPartitioned"]}
    assert partitioned == {"event_mentions"}
    assert not nodes["articles"]["isPartitioned"] and not nodes["events"]["isPartitioned"]


def launch_and_wait(webserver, repository, tags: dict[str, str]) -> tuple[dict, float, list[str]]:
    """Launch rasd_pipeline with `tags` through GraphQL and wait until it ends; (run, seconds, statuses seen)."""
    port = webserver["port"]
    params = {
        "selector": {
            "repositoryLocationName": "orchestration.definitions",
            "repositoryName": repository["name"],
            "jobName": "rasd_pipeline",
        },
        "runConfigData": {},
        "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in tags.items()]},
    }
    launched = graphql(port, LAUNCH_MUTATION, {"executionParams": params})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    started = time.monotonic()
    run = None
    statuses = []
    while time.monotonic() - started < RUN_TIMEOUT_S:
        run = graphql(port, RUN_QUERY, {"runId": run_id})["runOrError"]
        if not statuses or statuses[-1] != run["status"]:
            statuses.append(run["status"])
        if run["status"] in {"SUCCESS", "FAILURE", "CANCELED"}:
            break
        time.sleep(1)
    elapsed = time.monotonic() - started
    if run["status"] != "SUCCESS":
        logs = graphql(port, RUN_FAILURES_QUERY, {"runId": run_id})["logsForRun"]
        errors = [
            (e.get("stepKey"), (e.get("error") or {}).get("message") or e.get("message"))
            for e in logs.get("events", [])
            if e["__typename"] in {"ExecutionStepFailureEvent", "RunFailureEvent"}
        ]
        raise AssertionError(
            f"run {run_id}: {statuses} after {elapsed:.0f}s\n{errors}\n{tail(webserver['logs']['daemon'])}"
        )
    # it went through the queue (QueuedRunCoordinator) and carries the warehouse tag
    assert statuses[0] in {"QUEUED", "NOT_STARTED", "STARTING", "STARTED"}
    assert {"key": "rasd/warehouse", "value": "write"} in run["tags"]
    return run, elapsed, statuses


def test_partitioned_run_through_the_webserver(webserver, repository) -> None:
    """One publication day of the example inbox (2024-03-12: ex-0006 and ex-0008), as the UI launches it."""
    import duckdb

    partition = "2024-03-12"
    run, elapsed, statuses = launch_and_wait(webserver, repository, {"dagster/partition": partition})
    assert {"key": "dagster/partition", "value": partition} in run["tags"]
    print(f"rasd_pipeline, partition {partition}, through the webserver: {elapsed:.1f}s from launch to SUCCESS "
          f"({run['endTime'] - run['startTime']:.1f}s running); statuses {statuses}")  # fmt: skip
    (node,) = graphql(webserver["port"], PARTITION_QUERY, {"partition": partition})["assetNodes"]
    assert [(m["partition"], m["runId"]) for m in node["assetMaterializations"]] == [
        (partition, run["runId"])
    ]
    assert node["partitionStats"]["numMaterialized"] == 1 and node["partitionStats"]["numFailed"] == 0
    assert node["staleStatus"] == "FRESH"
    warehouse = webserver["root"] / "wh" / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        ingested = conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
        extracted = conn.execute(
            "SELECT article_id, extractor_version FROM meta.extractions ORDER BY 1"
        ).fetchall()
    assert ingested == 16  # the whole inbox is ingested
    assert [a for a, _ in extracted] == ["ex-0006", "ex-0008"]  # only the partition's articles are extracted
    code_version = next(
        n["opVersion"] for n in repository["assetNodes"] if n["assetKey"]["path"] == ["event_mentions"]
    )
    assert {v for _, v in extracted} == {code_version}
    assert (warehouse.parent / "serving.duckdb").exists()


def test_backfill_of_a_range_is_one_run(webserver) -> None:
    """A backfill of six partitions of event_mentions, as the UI's Materialize launches it: BackfillPolicy.single_run()
    makes it one run over the range (the backfill daemon submits it; the queue starts it)."""
    import duckdb

    port = webserver["port"]
    days = [f"2024-03-{d:02d}" for d in range(9, 15)]
    params = {"assetSelection": [{"path": ["event_mentions"]}], "partitionNames": days}
    launched = graphql(port, BACKFILL_MUTATION, {"params": params})["launchPartitionBackfill"]
    assert launched["__typename"] == "LaunchBackfillSuccess", launched
    started = time.monotonic()
    backfill = None
    while time.monotonic() - started < RUN_TIMEOUT_S:
        backfill = graphql(port, BACKFILL_QUERY, {"id": launched["backfillId"]})["partitionBackfillOrError"]
        runs = backfill.get("runs") or []
        done = runs and all(r["status"] in {"SUCCESS", "FAILURE", "CANCELED"} for r in runs)
        if backfill.get("status") not in {"REQUESTED"} and done:
            break
        time.sleep(2)
    elapsed = time.monotonic() - started
    assert backfill["__typename"] == "PartitionBackfill" and not backfill["error"], backfill
    assert backfill["numPartitions"] == 6
    (run,) = backfill["runs"]  # one run, not six
    tags = {t["key"]: t["value"] for t in run["tags"]}
    assert run["status"] == "SUCCESS", (run, tail(webserver["logs"]["daemon"]))
    assert (tags["dagster/asset_partition_range_start"], tags["dagster/asset_partition_range_end"]) == (
        days[0],
        days[-1],
    )
    print(f"backfill of event_mentions {days[0]} .. {days[-1]}: 1 run, {elapsed:.1f}s from launch to SUCCESS")
    (node,) = graphql(port, PARTITION_QUERY, {"partition": days[0]})["assetNodes"]
    assert node["partitionStats"]["numMaterialized"] == 6
    warehouse = webserver["root"] / "wh" / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM meta.extractions").fetchone()[0] == 16


def test_pipeline_run_through_the_webserver(webserver, repository) -> None:
    """The whole job, unpartitioned (what `rasd run` and the daily schedule do): every pending article."""
    import duckdb

    run, elapsed, statuses = launch_and_wait(webserver, repository, {})
    assert not any(t["key"].startswith("dagster/asset_partition") or t["key"] == "dagster/partition"
                   for t in run["tags"])  # fmt: skip
    print(f"rasd_pipeline, unpartitioned, through the webserver: {elapsed:.1f}s from launch to SUCCESS "
          f"({run['endTime'] - run['startTime']:.1f}s running); statuses {statuses}")  # fmt: skip
    warehouse = webserver["root"] / "wh" / "warehouse.duckdb"
    assert warehouse.exists() and (warehouse.parent / "serving.duckdb").exists()
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM meta.extractions").fetchone()[0] == 16
        assert conn.execute("SELECT count(*) FROM main.events").fetchone()[0] > 0


def test_inbox_sensor_through_the_daemon(webserver, repository) -> None:
    """The sensor, turned on through GraphQL, sees the inbox's files (all new to it) and the daemon launches the
    partition-range run it requests: the example days and the day of a file added now, one run (days within
    SPAN_GAP_DAYS). The added article, published on 2024-03-20, is extracted; its partition shows materialised."""
    import duckdb

    port = webserver["port"]
    example = json.loads(
        (webserver["inbox"] / "example_articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )
    added = example | {"id": "added-0001", "published_at": "2024-03-20T09:00:00Z"}
    (webserver["inbox"] / "added.jsonl").write_text(
        json.dumps(added, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    selector = {
        "repositoryLocationName": "orchestration.definitions",
        "repositoryName": repository["name"],
        "sensorName": "inbox_sensor",
    }
    started = graphql(port, START_SENSOR_MUTATION, {"selector": selector})["startSensor"]
    assert started["__typename"] == "Sensor" and started["sensorState"]["status"] == "RUNNING", started
    launched = time.monotonic()
    sensor_filter = {"tags": [{"key": "dagster/sensor_name", "value": "inbox_sensor"}]}
    runs: list[dict] = []
    while time.monotonic() - launched < RUN_TIMEOUT_S:
        runs = graphql(port, RUNS_QUERY, {"filter": sensor_filter})["runsOrError"]["results"]
        if runs and all(r["status"] in {"SUCCESS", "FAILURE", "CANCELED"} for r in runs):
            break
        time.sleep(2)
    elapsed = time.monotonic() - launched
    assert len(runs) == 1, (runs, tail(webserver["logs"]["daemon"]))
    (run,) = runs
    assert run["status"] == "SUCCESS", (run, tail(webserver["logs"]["daemon"]))
    tags = {t["key"]: t["value"] for t in run["tags"]}
    assert (tags["dagster/asset_partition_range_start"], tags["dagster/asset_partition_range_end"]) == (
        "2024-03-09",
        "2024-03-20",
    )
    assert (
        tags["rasd/inbox_files"] == "added.jsonl, example_articles.jsonl"
        and tags["rasd/warehouse"] == "write"
    )
    print(
        f"inbox_sensor -> rasd_pipeline 2024-03-09 .. 2024-03-20 through the daemon: {elapsed:.1f}s to SUCCESS"
    )
    (node,) = graphql(port, PARTITION_QUERY, {"partition": "2024-03-20"})["assetNodes"]
    assert [m["runId"] for m in node["assetMaterializations"]] == [run["runId"]]
    warehouse = webserver["root"] / "wh" / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        extracted = conn.execute(
            "SELECT count(*) FROM meta.extractions WHERE article_id = 'added-0001'"
        ).fetchone()
    assert extracted == (1,)


def test_asset_graph_listing(repository) -> None:
    """What the UI lists (printed for the operations notes): assets by group, checks, partitions, automation."""
    nodes = repository["assetNodes"]
    checks = sum(
        len(n["assetChecksOrError"]["checks"])
        for n in nodes
        if n["assetChecksOrError"]["__typename"] == "AssetChecks"
    )
    groups: dict[str, list[str]] = {}
    for node in nodes:
        groups.setdefault(node["groupName"] or "-", []).append("/".join(node["assetKey"]["path"]))
    lines = [f"{len(nodes)} asset nodes, {checks} asset checks"]
    for group, keys in sorted(groups.items()):
        lines.append(f"  group {group} ({len(keys)}): {', '.join(sorted(keys))}")
    for node in nodes:
        if node["isPartitioned"]:
            lines.append(
                f"  partitioned: {'/'.join(node['assetKey']['path'])}: {node['partitionDefinition']['description']}"
                f" ({node['partitionDefinition']['type']}), backfill {node['backfillPolicy']['policyType']},"
                f" code version {node['opVersion']}"
            )
    lines += [f"  job {j['name']}" for j in repository["jobs"] if not j["name"].startswith("__")]
    lines += [
        f"  schedule {s['name']} {s['cronSchedule']} {s['executionTimezone']}"
        for s in repository["schedules"]
    ]
    lines += [
        f"  sensor {s['name']} -> {[t['pipelineName'] for t in s['targets']]}" for s in repository["sensors"]
    ]
    print("\n".join(lines))
    assert checks >= 10 and len(repository["sensors"]) == 1 and len(repository["schedules"]) == 1
