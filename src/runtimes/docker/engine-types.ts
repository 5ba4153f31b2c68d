/**
 * The parts of the Docker Engine API's bodies teiki writes and reads (API 1.41, which
 * Podman's compatibility service also speaks). Field names are the engine's.
 */

export interface EngineVersionBody {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Components?: { Name?: string; Version?: string }[];
}

export interface UlimitBody {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface HostConfigBody {
  NetworkMode: string;
  CpuShares?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  /** Bytes. */
  Memory?: number;
  /** Memory plus swap, bytes; equal to Memory means no swap (Fargate has none). */
  MemorySwap?: number;
  MemoryReservation?: number;
  Ulimits: UlimitBody[];
}

export interface ContainerCreateBody {
  Image: string;
  Entrypoint?: string[];
  Cmd?: string[];
  Env: string[];
  WorkingDir?: string;
  User?: string;
  Labels: Record<string, string>;
  StopTimeout: number;
  AttachStdin: false;
  AttachStdout: true;
  AttachStderr: true;
  OpenStdin: false;
  Tty: false;
  HostConfig: HostConfigBody;
}

export interface ImageInspectBody {
  Id: string;
  RepoDigests?: string[] | null;
}

export interface ContainerInspectBody {
  Id: string;
  Config?: { Labels?: Record<string, string> | null };
  State?: {
    Status?: string;
    Running?: boolean;
    OOMKilled?: boolean;
    ExitCode?: number;
  };
}

export interface ContainerSummaryBody {
  Id: string;
  Names?: string[];
  State?: string;
  Labels?: Record<string, string> | null;
}

export interface ContainerWaitBody {
  StatusCode: number;
  Error?: { Message?: string } | null;
}

export interface ExecInspectBody {
  Running?: boolean;
  ExitCode?: number | null;
}
