using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>
/// The real <c>mailstreams run</c> as a child process on a data directory, so that tests can kill it with SIGKILL at
/// any moment and start it again, as a crash or a power cut would.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DaemonProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<DaemonProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "mailstreams.dll"), "run", "--data", dataDirectory, "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the daemon");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new DaemonProcess(process, url);
        await daemon.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        return daemon;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, nothing.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd stops a service; returns the exit code once the process has ended.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the daemon exited with {_process.ExitCode} while starting");
            try
            {
                if ((await client.GetAsync(Url + "/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
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
