using System.CommandLine;
using MailStreams.Host.Bench;

namespace MailStreams.Host.Cli;

/// <summary><c>mailstreams bench store</c>: throughput of the stream store backends as ratios to a raw SQLite loop.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var records = new Option<int>("--records") { Description = "records to append and read", DefaultValueFactory = _ => 20_000 };
        var batch = new Option<int>("--batch") { Description = "records per append (1..1000)", DefaultValueFactory = _ => 100 };
        var bodyBytes = new Option<int>("--body-bytes") { Description = "body size of each record", DefaultValueFactory = _ => 512 };
        var store = new Command("store", "Append and read throughput of each backend, as a ratio to a raw batched SQLite loop in the same run.")
            { records, batch, bodyBytes };
        store.SetAction(async (parse, ct) =>
        {
            var (n, b, size) = (parse.GetValue(records), parse.GetValue(batch), parse.GetValue(bodyBytes));
            if (n < 1 || b is < 1 or > 1000 || size is < 0 or > 512 * 1024)
                return CommonOptions.Fail("--records must be >= 1, --batch 1..1000 and --body-bytes 0..524288", 2);
            if ((long)b * (size + 22) > 1024 * 1024)
                return CommonOptions.Fail("--batch times --body-bytes exceeds S2's 1 MiB batch limit", 2);
            return await StoreBenchmark.RunAsync(n, b, size, Console.Out, ct);
        });
        var command = new Command("bench", "Benchmarks.");
        command.Subcommands.Add(store);
        return command;
    }
}
