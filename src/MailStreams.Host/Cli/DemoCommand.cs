using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using MailStreams.Hosting;
using MailStreams.Host.Daemon;
using MailStreams.Store;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams demo</c>: the main job on the embedded defaults, end to end. Starts the daemon in-process on a fresh
/// temporary data directory and a free loopback port, sends "Hello world" to reverser@ through
/// <c>POST /api/messages</c>, waits until the outbox has sent the reply (an .eml file, as no Resend key is used),
/// and prints it with its headers.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var keep = new Option<bool>("--keep") { Description = "keep the temporary data directory and print where it is" };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the reply", DefaultValueFactory = _ => 60 };
        var command = new Command("demo", "Send one email to reverser@ on a throwaway daemon and print the reply.") { keep, timeout };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(keep), TimeSpan.FromSeconds(parse.GetValue(timeout)), ct));
        return command;
    }

    private static async Task<int> RunAsync(bool keep, TimeSpan timeout, CancellationToken ct)
    {
        var succeeded = false;
        var clock = Stopwatch.StartNew();
        var data = Path.Combine(Path.GetTempPath(), "mailstreams-demo-" + Guid.NewGuid().ToString("N")[..8]);
        var url = $"http://127.0.0.1:{FreePort()}";
        var settings = new Dictionary<string, string?>
        {
            ["MailStreams:DataDirectory"] = data,
            ["MailStreams:Resend:ApiKey"] = "",
            ["urls"] = url,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        try
        {
            await using var app = DaemonApp.Build(settings);
            await app.StartAsync(ct);
            var options = app.Services.GetRequiredService<MailStreamsOptions>();
            Console.WriteLine($"MailStreams daemon up at {url}, data in {data}");

            var to = $"reverser@{options.PrimaryDomain}";
            var raw = SendCommand.Compose("Alice <alice@example.org>", to, "Hello world", "Hello world");
            using var client = new HttpClient { BaseAddress = new Uri(url + "/") };
            var content = new ByteArrayContent(raw);
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            using var posted = await client.PostAsync("api/messages", content, ct);
            var answer = await posted.Content.ReadAsStringAsync(ct);
            if (posted.StatusCode != HttpStatusCode.Accepted) return CommonOptions.Fail($"the daemon refused the email ({(int)posted.StatusCode}): {answer}");
            var seq = JsonDocument.Parse(answer).RootElement.GetProperty("inboxes")[0].GetProperty("seq").GetInt64();
            Console.WriteLine($"→ sent \"Hello world\" to {to}: appended to inbox/reverser at seq {seq}");

            var key = $"{StreamNames.Inbox("reverser")}:{seq}";
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout);
            var store = app.Services.GetRequiredService<IStreamStore>();
            await foreach (var sent in store.FollowAsync(StreamNames.Sent, 0, wait.Token))
            {
                if (sent.Header("idempotency-key") != key) continue;
                var file = Path.Combine(options.FullPath("sent"), sent.Header("provider-id")!);
                Console.WriteLine($"← reply sent (idempotency key {key}), written to {file}:");
                Console.WriteLine();
                Console.WriteLine((await File.ReadAllTextAsync(file, ct)).TrimEnd());
                Console.WriteLine();
                Console.WriteLine($"Done in {clock.ElapsedMilliseconds} ms.");
                await app.StopAsync(CancellationToken.None);
                succeeded = true;
                return 0;
            }
            return CommonOptions.Fail("the daemon stopped before the reply was sent");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return CommonOptions.Fail($"no reply within {timeout.TotalSeconds:0} s; look into {data} (streams.db, dead/* streams)");
        }
        finally
        {
            if (keep || !succeeded) Console.WriteLine($"Data kept in {data}");
            else TryDelete(data);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
