using MailStreams.Store.Embedded;
using MailStreams.Store.S2;

namespace MailStreams.Host.Bench;

/// <summary>
/// <c>mailstreams bench store</c>: append and read throughput of each backend (embedded SQLite; the S2 client against
/// the S2-compatible endpoint on loopback; S2 itself when S2_ACCESS_TOKEN is set) as a ratio to a raw batched SQLite
/// insert/select loop measured in the same run, on the same machine, with the same records.
/// </summary>
internal static class StoreBenchmark
{
    public static async Task<int> RunAsync(int records, int batch, int bodyBytes, TextWriter output, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mailstreams-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var body = new byte[bodyBytes];
        Random.Shared.NextBytes(body);
        try
        {
            output.WriteLine($"{records} records of {bodyBytes} bytes, appended in batches of {batch}, then read back in reads of up to 1000");
            var baseline = RawSqliteBaseline.Run(Path.Combine(folder, "raw.db"), records, batch, body);
            Report(output, "raw SQLite loop (baseline)", baseline, baseline, records);

            await using (var embedded = new SqliteStreamStore(Path.Combine(folder, "embedded.db")))
                Report(output, "embedded", await StoreWorkload.RunAsync(embedded, "bench", records, batch, body, ct), baseline, records);

            await using (var endpoint = await LoopbackS2Endpoint.StartAsync(Path.Combine(folder, "endpoint.db")))
            using (var client = new S2StreamStore(new S2Settings { Endpoint = endpoint.Endpoint, AccessToken = "bench" }, "mailstreams-bench"))
                Report(output, "s2 client -> S2 endpoint (loopback)", await StoreWorkload.RunAsync(client, "bench", records, batch, body, ct), baseline, records);

            if (Environment.GetEnvironmentVariable("S2_ACCESS_TOKEN") is { Length: > 0 } token
                && Environment.GetEnvironmentVariable("S2_BASIN") is { Length: > 0 } basin)
            {
                using var s2 = new S2StreamStore(new S2Settings { AccessToken = token, Endpoint = Environment.GetEnvironmentVariable("S2_ENDPOINT") ?? S2Settings.CloudEndpoint }, basin);
                var stream = "bench/" + Guid.NewGuid().ToString("N")[..8];
                Report(output, "s2 (" + basin + ")", await StoreWorkload.RunAsync(s2, stream, records, batch, body, ct), baseline, records);
                await s2.DeleteStreamAsync(stream, ct);
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static void Report(TextWriter output, string name, (TimeSpan Append, TimeSpan Read) measured, (TimeSpan Append, TimeSpan Read) baseline, int records)
    {
        double Rate(TimeSpan t) => records / Math.Max(t.TotalSeconds, 1e-9);
        output.WriteLine($"{name,-40} append {Rate(measured.Append),10:N0} rec/s ({Rate(measured.Append) / Rate(baseline.Append),6:P1} of baseline)   " +
                         $"read {Rate(measured.Read),10:N0} rec/s ({Rate(measured.Read) / Rate(baseline.Read),6:P1} of baseline)");
    }
}
