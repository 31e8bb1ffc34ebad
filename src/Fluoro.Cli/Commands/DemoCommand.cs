using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Fluoro.Cli.Commands;

/// <summary><c>fluoro demo</c>: deploys two traced functions, one calling the other, and prints the trace.</summary>
internal static class DemoCommand
{
    private const string Front = "fluoro-demo-front";
    private const string Back = "fluoro-demo-back";

    // The front function calls the back one through the Lambda API with the trace header, and records the call
    // as its own subsegment over UDP, the way an X-Ray SDK would, so the trace shows front → back nested.
    private const string FrontCode = """
        import http from 'node:http';
        import dgram from 'node:dgram';
        import crypto from 'node:crypto';

        function post(url, body, headers) {
          return new Promise((resolve, reject) => {
            const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
              let data = '';
              res.on('data', (c) => (data += c));
              res.on('end', () => resolve({ status: res.statusCode, body: data }));
            });
            req.on('error', reject);
            req.end(body);
          });
        }

        export const handler = async (event) => {
          const trace = Object.fromEntries((process.env._X_AMZN_TRACE_ID || '').split(';').filter(Boolean).map((p) => p.split('=')));
          const callId = crypto.randomBytes(8).toString('hex');
          const start = Date.now() / 1000;
          const url = new URL('/2015-03-31/functions/fluoro-demo-back/invocations', process.env.AWS_ENDPOINT_URL);
          const res = await post(url, JSON.stringify({ item: event.item ?? 'coffee' }), {
            'x-amzn-trace-id': `Root=${trace.Root};Parent=${callId};Sampled=${trace.Sampled ?? '0'}`,
          });
          if (trace.Sampled === '1') {
            const [host, port] = process.env.AWS_XRAY_DAEMON_ADDRESS.split(':');
            const doc = { type: 'subsegment', name: 'Lambda', namespace: 'aws', id: callId, trace_id: trace.Root, parent_id: trace.Parent,
              start_time: start, end_time: Date.now() / 1000, aws: { operation: 'Invoke', function_name: 'fluoro-demo-back', region: process.env.AWS_REGION },
              http: { response: { status: res.status } } };
            const socket = dgram.createSocket('udp4');
            await new Promise((resolve) => socket.send(`{"format":"json","version":1}\n${JSON.stringify(doc)}`, Number(port), host, () => resolve()));
            socket.close();
          }
          console.log('back answered', res.status);
          return { order: event.item ?? 'coffee', stock: JSON.parse(res.body) };
        };
        """;

    private const string BackCode = """
        export const handler = async (event) => {
          await new Promise((r) => setTimeout(r, 25));
          console.log('checking stock for', event.item);
          return { item: event.item, inStock: true };
        };
        """;

    public static Command Create()
    {
        var endpoint = FunctionsCommand.EndpointOption();
        var command = new Command("demo", "Deploy two traced functions, invoke them and print the trace id.") { endpoint };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(endpoint)!;
            using var http = FunctionsCommand.Client(url);
            foreach (var (name, code) in new[] { (Back, BackCode), (Front, FrontCode) })
            {
                var folder = Path.Combine(Path.GetTempPath(), "fluoro-demo-" + Guid.NewGuid().ToString("N"), name);
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, "index.mjs"), code, cancellationToken);
                var rc = await FunctionsCommand.DeployOnceAsync(http, folder, new FunctionsCommand.DeploySpec(name, "nodejs22.x", "index.handler", "Active", 10, 256), cancellationToken);
                Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
                if (rc != 0)
                {
                    return rc;
                }
            }

            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var traceId = string.Create(CultureInfo.InvariantCulture, $"1-{now:x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"2015-03-31/functions/{Front}/invocations")
            {
                Content = new StringContent("""{"item":"coffee"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", $"Root={traceId};Sampled=1");
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return FunctionsCommand.Error(response, body);
            }

            System.Console.WriteLine($"{Front} answered: {body}");
            System.Console.WriteLine();
            System.Console.WriteLine($"Trace id: {traceId}");
            System.Console.WriteLine($"  Console:  {url.TrimEnd('/')}/#/traces/{traceId}");
            System.Console.WriteLine($"  AWS CLI:  /usr/bin/aws xray batch-get-traces --trace-ids {traceId} --endpoint-url {url.TrimEnd('/')} --region us-east-1");
            System.Console.WriteLine($"  Logs:     fluoro functions logs {Front}");
            return response.Headers.Contains("X-Amz-Function-Error") ? 1 : 0;
        });
        return command;
    }
}
