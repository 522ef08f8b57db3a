/** Censored Planet's raw result formats (Satellite v2.2, Hyperquack v1 and v2), as their JSON Lines files write them. */

export interface CpLocation {
  country_name?: string;
  country_code?: string;
}

/** One answer IP of a Satellite response, with the tags that matched the control resolvers. */
export interface SatelliteAnswer {
  http?: string;
  cert?: string;
  asnum?: number;
  asname?: string;
  matched?: string[] | null;
}

/** Satellite v2.2 results.json: one resolver × domain. */
export interface SatelliteResult {
  vp: string;
  test_url: string;
  location?: CpLocation;
  passed_liveness: boolean;
  in_control_group?: boolean;
  connect_error: boolean;
  anomaly: boolean;
  excluded?: boolean;
  exclude_reason?: string[];
  start_time: string;
  end_time?: string;
  confidence?: {
    average: number;
    matches: number[] | null;
    untagged_controls: boolean;
    untagged_response: boolean;
  };
  response: {
    url: string;
    has_type_a?: boolean;
    /** The string "null" when there was no error. */
    error: string | null;
    /** -1 for a connection error. */
    rcode: number;
    response?: Record<string, SatelliteAnswer> | null;
  }[];
}

/** An HTTP(S) response as Hyperquack records it. */
export interface HyperquackHttpResponse {
  status_line?: string;
  headers?: Record<string, string[]>;
  body?: string;
  TlsVersion?: number;
  CipherSuite?: number;
  Certificate?: string;
}

/** Hyperquack v2: one vantage point × domain × service. */
export interface HyperquackV2Result {
  vp: string;
  location?: CpLocation;
  service: string;
  test_url: string;
  response: {
    matches_template?: boolean;
    /** An object for http/https, a raw string for echo/discard. */
    response?: HyperquackHttpResponse | string;
    error?: string;
    control_url?: string;
    start_time: string;
    end_time?: string;
  }[];
  anomaly: boolean;
  controls_failed: boolean;
  stateful_block?: boolean;
  tag?: string;
}

/** Hyperquack v1 (Quack http/https scans). */
export interface HyperquackV1Result {
  Server: string;
  Keyword: string;
  Retries: number;
  Results: {
    Sent: string;
    Received?: HyperquackHttpResponse | string;
    Success: boolean;
    Error?: string;
    StartTime: string;
    EndTime?: string;
  }[];
  Blocked: boolean;
  FailSanity: boolean;
  StatefulBlock: boolean;
}
