using System.Diagnostics;
using MailStreams.Store;

namespace MailStreams.Host.Bench;

/// <summary>The same workload on any <see cref="IStreamStore"/>: sequential batch appends to one stream, then reading it all back.</summary>
internal static class StoreWorkload
{
    public static async Task<(TimeSpan Append, TimeSpan Read)> RunAsync(IStreamStore store, string stream, int records, int batch, byte[] body,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < records; done += batch)
        {
            var size = Math.Min(batch, records - done);
            var input = new AppendRecord[size];
            for (var i = 0; i < size; i++) input[i] = new AppendRecord([RecordHeader.Of("type", "bench")], body);
            await store.AppendAsync(stream, input, ct: ct);
        }
        var append = clock.Elapsed;

        clock.Restart();
        long next = 0;
        while (next < records)
        {
            var read = await store.ReadAsync(stream, next, null, ct);
            if (read.Records.Count == 0) throw new InvalidOperationException($"{stream} ended at {next}, expected {records} records");
            next = read.Records[^1].SeqNum + 1;
        }
        return (append, clock.Elapsed);
    }
}
