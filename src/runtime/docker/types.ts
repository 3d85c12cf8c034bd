/**
 * Response shapes of the Docker Engine API v1.41, limited to the fields this
 * app reads. The client pins v1.41 (DockerClient): the guest's Docker 26.1
 * speaks up to v1.45 and still answers v1.41 requests in v1.41's shapes, so
 * checks written against it keep working across engine upgrades. The daemon sends more; unknown fields are simply
 * not typed. Go's `nil` slices/maps arrive as `null`, hence the `| null`s.
 */

/** Go's `struct{}` set members, e.g. `{"80/tcp": {}}` in ExposedPorts. */
export type EmptyObject = Record<string, never>;

/** `GET /version`. */
export interface Version {
  /** Engine version, e.g. "26.1.5+dfsg1". */
  Version: string;
  /** Newest API version the daemon speaks, e.g. "1.45". */
  ApiVersion: string;
  /** Oldest API version the daemon still accepts. */
  MinAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  /** "linux". */
  Os: string;
  /** Go architecture of the daemon, e.g. "386", "amd64". */
  Arch: string;
  KernelVersion: string;
  BuildTime?: string;
  Experimental?: boolean;
  Platform?: { Name: string };
  Components?: { Name: string; Version: string; Details?: Record<string, string> }[];
}

/** `GET /info` (subset). */
export interface Info {
  /** Daemon's unique id. */
  ID: string;
  /** Number of containers in any state, and per state. */
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  /** Number of images (including intermediate ones). */
  Images: number;
  /** Storage driver, e.g. "overlay2", "vfs". */
  Driver: string;
  /** Driver-specific key/value pairs, e.g. [["Backing Filesystem", "extfs"]]. */
  DriverStatus: [string, string][] | null;
  DockerRootDir: string;
  /** Default log driver for new containers, e.g. "json-file". */
  LoggingDriver: string;
  CgroupDriver: string;
  CgroupVersion?: string;
  KernelVersion: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  NCPU: number;
  /** Total memory of the host in bytes. */
  MemTotal: number;
  /** Host name. */
  Name: string;
  ServerVersion: string;
  /** Plugins by kind: volume, network and log drivers available. */
  Plugins?: { Volume: string[] | null; Network: string[] | null; Log: string[] | null };
  /** Configuration warnings the daemon wants users to see (e.g. missing cgroup features). */
  Warnings: string[] | null;
}

/** An entry of `GET /images/json`. */
export interface ImageSummary {
  /** Image id: "sha256:…" digest of the image config. */
  Id: string;
  /** Id of the parent image ("" for pulled images; set for locally built layers). */
  ParentId: string;
  /** "name:tag" references; `["<none>:<none>"]` or null for dangling images. */
  RepoTags: string[] | null;
  /** "name@sha256:…" references of the registry manifests, for pulled images. */
  RepoDigests: string[] | null;
  /** Creation time, unix seconds. */
  Created: number;
  /** Total size in bytes, including parent layers. */
  Size: number;
  /** Same as Size in 1.41 (deprecated). */
  VirtualSize: number;
  /** Bytes shared with other images; -1 unless computed. */
  SharedSize: number;
  Labels: Record<string, string> | null;
  /** Containers using the image; -1 unless computed. */
  Containers: number;
}

/** Runtime configuration of an image or container (`Config`). */
export interface ContainerConfig {
  Hostname: string;
  /** "user", "uid" or "user:group" the process runs as ("" = root). */
  User: string;
  /** Ports declared with EXPOSE, as keys "80/tcp". */
  ExposedPorts?: Record<string, EmptyObject> | null;
  /** Whether a pseudo-TTY is allocated (then logs are not multiplexed). */
  Tty: boolean;
  OpenStdin: boolean;
  /** "KEY=value" entries. */
  Env: string[] | null;
  /** Default command (CMD), or the command a container was created with. */
  Cmd: string[] | null;
  /** ENTRYPOINT; null when unset. */
  Entrypoint: string[] | null;
  /** Image reference the container was created from ("" in image configs). */
  Image: string;
  /** Mount points declared with VOLUME, as keys. */
  Volumes: Record<string, EmptyObject> | null;
  /** WORKDIR ("" = /). */
  WorkingDir: string;
  Labels: Record<string, string> | null;
  StopSignal?: string;
  OnBuild?: string[] | null;
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  /** "sha256:…" image id. */
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  /** Parent image id ("" for pulled images). */
  Parent: string;
  Comment: string;
  /** Creation time, RFC 3339 with nanoseconds. */
  Created: string;
  DockerVersion: string;
  Author: string;
  /** Defaults for containers created from the image. */
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  /** Total size in bytes. */
  Size: number;
  VirtualSize: number;
  /** Storage driver data (e.g. overlay2 LowerDir/UpperDir paths). */
  GraphDriver: { Name: string; Data: Record<string, string> | null };
  /** The filesystem layers, bottom first, as "sha256:…" diff ids. */
  RootFS: { Type: string; Layers: string[] };
  Metadata?: { LastTagTime: string };
}

/** An entry of `GET /images/{name}/history`, newest first. */
export interface ImageHistoryItem {
  /** Image id of this step, or "<missing>" when that image is not stored locally. */
  Id: string;
  /** Unix seconds. */
  Created: number;
  /** The Dockerfile instruction, e.g. "/bin/sh -c #(nop)  CMD [\"sh\"]". */
  CreatedBy: string;
  Tags: string[] | null;
  /** Bytes this step added (0 for metadata-only steps). */
  Size: number;
  Comment: string;
}

/** A published port in a container summary. */
export interface Port {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: "tcp" | "udp" | "sctp";
}

/** A host port a container port is published on. */
export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** A mount of a container. */
export interface MountPoint {
  Type: "bind" | "volume" | "tmpfs" | "npipe";
  /** Volume name (volumes only). */
  Name?: string;
  /** Host path or the volume's mountpoint. */
  Source: string;
  /** Path inside the container. */
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** A container's attachment to one network. */
export interface EndpointSettings {
  Aliases: string[] | null;
  /** Every name the network's DNS answers with this container (API 1.45+: name, aliases, short id). */
  DNSNames?: string[] | null;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  MacAddress: string;
}

/** An entry of `GET /containers/json`. */
export interface ContainerSummary {
  Id: string;
  /** Names with a leading slash, e.g. ["/web"]. */
  Names: string[];
  /** Image reference as given at creation (or the image id). */
  Image: string;
  ImageID: string;
  /** Command line as one string. */
  Command: string;
  /** Unix seconds. */
  Created: number;
  Ports: Port[];
  Labels: Record<string, string> | null;
  /** "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead". */
  State: string;
  /** Human-readable status, e.g. "Up 5 minutes", "Exited (0) 2 seconds ago". */
  Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
}

/** `State` of an inspected container. */
export interface ContainerState {
  Status: "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  /** The kernel's OOM killer ended the process. */
  OOMKilled: boolean;
  Dead: boolean;
  /** Host pid of the main process (0 when not running). */
  Pid: number;
  ExitCode: number;
  /** Why the container failed to start, if it did. */
  Error: string;
  /** RFC 3339; "0001-01-01T00:00:00Z" when never started/finished. */
  StartedAt: string;
  FinishedAt: string;
  /** Set when the image or `docker run` defines a HEALTHCHECK: the last probes' results. */
  Health?: {
    Status: "starting" | "healthy" | "unhealthy" | string;
    FailingStreak: number;
    Log?: { ExitCode: number; Output: string }[] | null;
  };
}

/** `GET /containers/{id}/json` (subset). */
export interface ContainerInspect {
  Id: string;
  /** RFC 3339. */
  Created: string;
  /** Executable and arguments of the main process. */
  Path: string;
  Args: string[];
  State: ContainerState;
  /** "sha256:…" id of the image. */
  Image: string;
  /** Name with a leading slash, e.g. "/web". */
  Name: string;
  /** How often the restart policy restarted it. */
  RestartCount: number;
  Driver: string;
  LogPath: string;
  HostConfig: {
    Binds: string[] | null;
    NetworkMode: string;
    /** Published ports: "80/tcp" → host bindings. */
    PortBindings: Record<string, PortBinding[] | null> | null;
    RestartPolicy: {
      Name: "" | "no" | "always" | "unless-stopped" | "on-failure";
      MaximumRetryCount: number;
    };
    AutoRemove: boolean;
    Privileged: boolean;
    /** Memory limit in bytes (0 = none). */
    Memory: number;
    /** `--tmpfs` mounts: path in the container → mount options ("" = defaults). Not listed in `Mounts`. */
    Tmpfs?: Record<string, string> | null;
    NanoCpus: number;
  };
  Mounts: MountPoint[];
  Config: ContainerConfig;
  NetworkSettings: {
    /** Actual port mappings while running: "80/tcp" → host bindings (null = exposed only). */
    Ports: Record<string, PortBinding[] | null> | null;
    Networks: Record<string, EndpointSettings>;
    IPAddress: string;
    Gateway: string;
  };
}

/** `GET /networks` entry and `GET /networks/{id}`. */
export interface Network {
  Name: string;
  Id: string;
  /** RFC 3339. */
  Created: string;
  /** "local" or "swarm". */
  Scope: string;
  /** "bridge", "host", "null", "overlay", … */
  Driver: string;
  EnableIPv6: boolean;
  IPAM: {
    Driver: string;
    Options: Record<string, string> | null;
    Config: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null;
  };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  /** Attached containers by id (filled by inspect; empty in lists). */
  Containers: Record<
    string,
    {
      Name: string;
      EndpointID: string;
      MacAddress: string;
      IPv4Address: string;
      IPv6Address: string;
    }
  > | null;
  Options: Record<string, string> | null;
  Labels: Record<string, string> | null;
}

/** `GET /volumes/{name}` and the entries of {@link VolumeList}. */
export interface Volume {
  Name: string;
  /** "local" unless a volume plugin is used. */
  Driver: string;
  /** Path of the data on the host (in the VM). */
  Mountpoint: string;
  /** RFC 3339. */
  CreatedAt?: string;
  Labels: Record<string, string> | null;
  Scope: "local" | "global";
  /** Driver options given at creation. */
  Options: Record<string, string> | null;
  /** Only set by `GET /system/df`: size in bytes and number of containers using it (-1 = unknown). */
  UsageData?: { Size: number; RefCount: number } | null;
}

/** `GET /volumes`. */
export interface VolumeList {
  Volumes: Volume[] | null;
  Warnings: string[] | null;
}

/** One object of the `GET /events` stream. */
export interface DockerEvent {
  /** Kind of object: "container", "image", "volume", "network", "daemon", "plugin", … */
  Type: string;
  /** What happened, e.g. "create", "start", "die", "pull", "tag", "mount"; exec events carry the command ("exec_start: sh"). */
  Action: string;
  /** The object: id (or name for images/volumes) and attributes such as `name`, `image`, `exitCode`. */
  Actor: { ID: string; Attributes: Record<string, string> | null };
  /** "local" or "swarm". */
  scope?: string;
  /** Unix seconds. */
  time: number;
  /** Unix nanoseconds (exceeds 2^53, so the last digits are imprecise in JavaScript). */
  timeNano: number;
  /** Deprecated duplicates of Action / Actor.ID / image (container events only). */
  status?: string;
  id?: string;
  from?: string;
}
