using System.Collections.Concurrent;
using System.Net;

namespace MailStreams.Testing.Crash;

/// <summary>
/// Posts every email's webhook as Resend would: a few at once, and again (same svix-id, fresh signature) after a
/// refused connection, a reset or a 5xx (each worker pausing between emails, so that ingest spans several kills), until the daemon answers 200. The daemon's address changes with each restart,
/// so it is read before every attempt. Any other status is a finding, kept in <see cref="Unexpected"/>.
/// </summary>
internal sealed class WebhookDriver(int emails, int concurrency, TimeSpan pause, Func<string?> currentUrl)
{
    private readonly ConcurrentQueue<int> _pending = new(Enumerable.Range(0, emails));
    private readonly ConcurrentBag<int> _accepted = [];
    private readonly ConcurrentBag<string> _unexpected = [];
    private int _attempts;
    private int _inFlight;

    public IReadOnlyCollection<int> Accepted => _accepted;
    public IReadOnlyCollection<string> Unexpected => _unexpected;
    public int Attempts => Volatile.Read(ref _attempts);
    public int InFlight => Volatile.Read(ref _inFlight);
    public bool Done => _pending.IsEmpty && InFlight == 0;

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(ct), ct)));

    private async Task WorkAsync(CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                if (!_pending.TryDequeue(out var i)) return;
                await DeliverAsync(client, i, ct);
                if (pause > TimeSpan.Zero) await Task.Delay(pause, ct);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private async Task DeliverAsync(HttpClient client, int i, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (currentUrl() is not { } url)
            {
                await Task.Delay(50, ct);
                continue;
            }
            Interlocked.Increment(ref _attempts);
            try
            {
                using var request = CrashMails.Delivery(i, url);
                using var answer = await client.SendAsync(request, ct);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    _accepted.Add(i);
                    return;
                }
                if ((int)answer.StatusCode < 500)
                {
                    _unexpected.Add($"{CrashMails.EmailId(i)}: webhook answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
    }
}
