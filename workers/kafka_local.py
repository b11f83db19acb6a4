"""The local Apache Kafka broker behind ``warta kafka start|stop|status``.

A single-node KRaft broker+controller on 127.0.0.1, run from the official jars on Maven Central:
``mvn dependency:copy-dependencies`` fetches ``org.apache.kafka:kafka_2.13`` and ``kafka-tools``
(plus a log4j2 backend) into ``WARTA_KAFKA_HOME/<version>/libs`` once; storage is formatted with
``kafka.tools.StorageTool`` and the broker started with ``kafka.Kafka`` — exactly what the Kafka
distribution's shell scripts do. The broker runs detached; its PID goes to a pid file so ``stop``
ends that process and nothing else.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .settings import Settings

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.warta</groupId>
  <artifactId>warta-local-kafka</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>{v}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>{v}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.17</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>2.24.3</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.24.3</version></dependency>
  </dependencies>
</project>
"""

_LOG4J2 = """Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: WARN
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka.server.KafkaRaftServer
        level: INFO
"""


class KafkaLocalError(RuntimeError):
    """The local broker could not be fetched, formatted, started or stopped."""


@dataclass
class BrokerStatus:
    running: bool
    pid: int | None
    bootstrap: str
    log_dir: Path
    log_file: Path

    def describe(self) -> str:
        if self.running:
            return f"Kafka running: pid {self.pid}, {self.bootstrap}, data {self.log_dir}"
        return f"Kafka not running ({self.bootstrap})"


def _paths(settings: Settings) -> tuple[Path, Path, Path, Path]:
    home = settings.kafka_home
    run_dir = home / f"run-{settings.kafka_port}"
    return home / settings.kafka_version / "libs", run_dir, run_dir / "broker.pid", run_dir / "broker.log"


def ensure_jars(settings: Settings) -> Path:
    """Fetch the Kafka jars once; return the directory holding them."""
    libs, _, _, _ = _paths(settings)
    marker = libs / ".complete"
    if marker.exists():
        return libs
    mvn = shutil.which("mvn")
    if mvn is None:
        raise KafkaLocalError("Maven (mvn) is needed to fetch the Kafka jars and is not on PATH")
    build = libs.parent / "fetch"
    build.mkdir(parents=True, exist_ok=True)
    (build / "pom.xml").write_text(_POM.format(v=settings.kafka_version))
    tmp = libs.parent / "libs.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    result = subprocess.run(
        [mvn, "-q", "-B", "dependency:copy-dependencies", f"-DoutputDirectory={tmp}",
         "-DincludeScope=runtime"],
        cwd=build, capture_output=True, text=True,
    )
    if result.returncode != 0 or not any(tmp.glob("kafka_2.13-*.jar")):
        raise KafkaLocalError(
            f"mvn could not fetch Kafka {settings.kafka_version}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    # Kafka's transitive slf4j 1.7 would shadow the 2.x binding log4j needs.
    for stale in tmp.glob("slf4j-api-1.*.jar"):
        stale.unlink()
    shutil.rmtree(libs, ignore_errors=True)
    tmp.rename(libs)
    marker.touch()
    return libs


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise KafkaLocalError("java (17 or newer) is needed for the local broker")
    return java


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited child not yet reaped) still answers kill(0); check its state.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def _read_pid(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _pid_alive(pid) else None


def status(settings: Settings) -> BrokerStatus:
    _, _, pid_file, log_file = _paths(settings)
    pid = _read_pid(pid_file)
    return BrokerStatus(
        running=pid is not None and _port_open(settings.kafka_port),
        pid=pid,
        bootstrap=f"127.0.0.1:{settings.kafka_port}",
        log_dir=settings.kafka_log_dir,
        log_file=log_file,
    )


def _server_properties(settings: Settings) -> str:
    port, cport, sasl = settings.kafka_port, settings.kafka_controller_port, settings.kafka_sasl_port
    listeners = [f"PLAINTEXT://127.0.0.1:{port}"]
    protocols = ["PLAINTEXT:PLAINTEXT", "CONTROLLER:PLAINTEXT"]
    lines = []
    if sasl:
        listeners.append(f"SASL_PLAINTEXT://127.0.0.1:{sasl}")
        protocols.append("SASL_PLAINTEXT:SASL_PLAINTEXT")
        lines.append("sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512")
        for mechanism in ("scram-sha-256", "scram-sha-512"):
            lines.append(f"listener.name.sasl_plaintext.{mechanism}.sasl.jaas.config="
                         "org.apache.kafka.common.security.scram.ScramLoginModule required;")
    return "\n".join([
        "process.roles=broker,controller",
        "node.id=1",
        f"controller.quorum.voters=1@127.0.0.1:{cport}",
        f"listeners={','.join([*listeners, f'CONTROLLER://127.0.0.1:{cport}'])}",
        f"advertised.listeners={','.join(listeners)}",
        "controller.listener.names=CONTROLLER",
        f"listener.security.protocol.map={','.join(protocols)}",
        "inter.broker.listener.name=PLAINTEXT",
        *lines,
        f"log.dirs={settings.kafka_log_dir}",
        f"num.partitions={settings.topic_partitions}",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=6",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        f"message.max.bytes={settings.max_message_bytes + 65536}",
        "auto.create.topics.enable=true",
        "",
    ])


def _scram_users(settings: Settings) -> list[str]:
    """StorageTool arguments creating the SASL user when the SASL listener is on."""
    if not settings.kafka_sasl_port:
        return []
    from .security import sasl_password

    if not settings.sasl_username or not sasl_password(settings):
        raise KafkaLocalError("WARTA_KAFKA_SASL_PORT needs WARTA_SASL_USERNAME and a password")
    user = f"name={settings.sasl_username},password={sasl_password(settings)}"
    return [arg for mechanism in ("SCRAM-SHA-256", "SCRAM-SHA-512")
            for arg in ("--add-scram", f"{mechanism}=[{user}]")]


def start(settings: Settings, *, wait_s: float = 90.0) -> tuple[BrokerStatus, bool]:
    """Start the broker unless one is running; return its status and whether this call started it."""
    current = status(settings)
    if current.running:
        return current, False
    if current.pid is None and _port_open(settings.kafka_port):
        raise KafkaLocalError(
            f"port {settings.kafka_port} is taken by a process Warta did not start;"
            " set WARTA_KAFKA_PORT or stop that process"
        )
    libs, run_dir, pid_file, log_file = _paths(settings)
    if current.pid is not None:  # started earlier by us and still coming up
        return _wait_ready(settings, current.pid, log_file, wait_s), False
    ensure_jars(settings)
    run_dir.mkdir(parents=True, exist_ok=True)
    props = run_dir / "server.properties"
    props.write_text(_server_properties(settings))
    log4j = run_dir / "log4j2.yaml"
    log4j.write_text(_LOG4J2)
    java = _java()
    classpath = f"{libs}/*"
    log_dir = settings.kafka_log_dir
    if not (log_dir / "meta.properties").exists():
        log_dir.mkdir(parents=True, exist_ok=True)
        cluster_id = _cluster_id()
        result = subprocess.run(
            [java, "-cp", classpath, f"-Dlog4j2.configurationFile={log4j}",
             "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(props),
             "--ignore-formatted", *_scram_users(settings)],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise KafkaLocalError(f"formatting {log_dir} failed:\n{result.stdout}{result.stderr}")
    with open(log_file, "ab") as out:
        proc = subprocess.Popen(
            [java, f"-Xmx{settings.kafka_heap}", "-Xms256m", "-XX:+UseG1GC",
             "-Djava.awt.headless=true", f"-Dlog4j2.configurationFile={log4j}",
             "-cp", classpath, "kafka.Kafka", str(props)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # survives the CLI process; stopped by `warta kafka stop`
        )
    pid_file.write_text(str(proc.pid))
    return _wait_ready(settings, proc.pid, log_file, wait_s), True


def _cluster_id() -> str:
    # Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. One in 64 starts
    # with "-", which the storage tool's argument parser takes for an option ("-t: expected one
    # argument"); Kafka's own Uuid.randomUuid() draws again in that case, and so does this.
    import base64

    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _wait_ready(settings: Settings, pid: int, log_file: Path, wait_s: float) -> BrokerStatus:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            tail = log_file.read_text(errors="replace")[-3000:] if log_file.exists() else ""
            raise KafkaLocalError(f"the broker exited during start-up; log tail:\n{tail}")
        if _port_open(settings.kafka_port) and _metadata_ready(settings):
            return status(settings)
        time.sleep(0.3)
    raise KafkaLocalError(f"the broker did not answer on port {settings.kafka_port} in {wait_s:.0f} s")


def _metadata_ready(settings: Settings) -> bool:
    """True once the broker answers a metadata request (the port opens a little earlier)."""
    import asyncio

    from aiokafka.admin import AIOKafkaAdminClient

    async def probe() -> bool:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=f"127.0.0.1:{settings.kafka_port}", request_timeout_ms=3000
        )
        try:
            await asyncio.wait_for(admin.start(), 5)
            await asyncio.wait_for(admin.list_topics(), 5)
            return True
        except Exception:  # noqa: BLE001 - any failure just means "not yet"
            return False
        finally:
            await admin.close()

    return asyncio.run(probe())


def stop(settings: Settings, *, wait_s: float = 60.0) -> bool:
    """Stop the broker started by :func:`start` (by its PID); return whether one was running."""
    _, _, pid_file, _ = _paths(settings)
    pid = _read_pid(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)  # Kafka's controlled shutdown
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and _pid_alive(pid):
        _reap(pid)
        time.sleep(0.2)
    if _pid_alive(pid):
        print(f"broker pid {pid} ignored SIGTERM for {wait_s:.0f} s; killing it", file=sys.stderr)
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
    _reap(pid)
    pid_file.unlink(missing_ok=True)
    return True


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
