using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MailStreams.Testing;

/// <summary>
/// <c>mailstreams run</c> as a child process on a data directory and a fresh loopback port. Lifecycle: started and
/// awaited until <c>/healthz</c> answers; ended by <see cref="KillAsync"/> (SIGKILL: no shutdown hooks, no flush) or
/// <see cref="TerminateAsync"/> (SIGTERM, as systemd stops a service).
/// Keeps the last lines the daemon wrote, for the report when it dies on its own.
/// </summary>
internal sealed class ChildDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly System.Text.StringBuilder _output = new();

    private ChildDaemon(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ChildDaemon> StartAsync(string daemonDll, string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { daemonDll, "run", "--data", dataDirectory, "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the daemon");
        var daemon = new ChildDaemon(process, url);
        process.OutputDataReceived += (_, e) => daemon.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await daemon.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        return daemon;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the daemon wrote to stdout and stderr so far.</summary>
    public string Output { get { lock (_lastLines) return _output.ToString(); } }

    public string LastLines { get { lock (_lastLines) return string.Join(Environment.NewLine, _lastLines); } }

    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM; returns the exit code once the process has ended.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            _output.AppendLine(line);
            while (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the daemon exited with {_process.ExitCode} while starting:\n{LastLines}");
            try
            {
                if ((await client.GetAsync(Url + "/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the daemon did not answer /healthz at {Url} within {timeout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
