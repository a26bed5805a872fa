/** The part of autocannon's programmatic API that bench/load-child.ts uses (the package ships no types). */
declare module "autocannon" {
  type Histogram = { total: number; average: number; p50: number; p99: number }
  type Result = { requests: Histogram; latency: Histogram; duration: number; non2xx: number; errors: number; timeouts: number }
  type Request = {
    method?: string
    setupRequest?: (req: Record<string, any>, context: Record<string, any>) => Record<string, any>
  }
  function autocannon(opts: { url: string; connections: number; duration: number; timeout?: number; requests?: Request[] }): Promise<Result>
  export default autocannon
}
