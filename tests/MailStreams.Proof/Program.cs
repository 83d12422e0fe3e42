using MailStreams.Testing.Crash;

// mailstreams-proof crash --emails N --kills M [--seed S] [--data DIR]
// Exit codes: 0 the promise holds, 1 it does not, 2 bad input.
const string Usage = "usage: crash --emails N --kills M [--seed S] [--data DIR] [--send-rate R] [--verbose]";
if (args.Length == 0 || args[0] != "crash") return Fail(Usage);

int emails = 1000, kills = 30, seed = Environment.TickCount;
double sendRate = 100;
var verbose = false;
string? data = null;
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    var ok = args[i] switch
    {
        "--emails" => int.TryParse(value, out emails),
        "--kills" => int.TryParse(value, out kills),
        "--seed" => int.TryParse(value, out seed),
        "--send-rate" => double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out sendRate),
        "--data" => (data = value) is not null,
        "--verbose" => (verbose = true) && i-- >= 0,
        _ => false,
    };
    if (!ok) return Fail($"{args[i]}: {(value is null ? "missing value" : $"cannot use '{value}'")}\n{Usage}");
    i++;
}

var dataDirectory = data ?? Path.Combine(Path.GetTempPath(), "mailstreams-crash-" + Guid.NewGuid().ToString("N")[..8]);
var options = new CrashRunOptions(emails, kills, seed, Path.Combine(AppContext.BaseDirectory, "mailstreams.dll"), dataDirectory)
{
    SendRatePerSecond = sendRate,
    Verbose = verbose,
};
if (options.Problems() is { Count: > 0 } problems) return Fail(string.Join("\n", problems));

Console.WriteLine($"crash run: {emails} emails, {kills} kills, seed {seed}, data in {dataDirectory}");
var report = await new CrashHarness(options, Console.WriteLine).RunAsync();
foreach (var line in report.Lines()) Console.WriteLine(line);
return report.Holds ? 0 : 1;

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
