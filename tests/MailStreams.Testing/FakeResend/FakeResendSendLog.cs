using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MailStreams.Testing.FakeResend;

/// <summary>
/// The send side of <see cref="FakeResendServer"/>: validates <c>POST /emails</c> bodies, applies Idempotency-Key
/// semantics (specs/resend.md §4: same key and payload → the original answer, nothing recorded; same key and another
/// payload → 409 <c>invalid_idempotent_request</c>), records accepted sends and wakes waiters. Thread-safe.
/// </summary>
internal sealed class FakeResendSendLog
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string PayloadHash, string Response)> _idempotency = new(StringComparer.Ordinal);
    private readonly List<FakeResendSend> _sent = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<FakeResendSend> Sent { get { lock (_gate) return _sent.ToList(); } }

    /// <summary>The status and JSON answer for one send request.</summary>
    public (int Status, string Json) Accept(byte[] body, string? idempotencyKey, IReadOnlyDictionary<string, string> headers)
    {
        if (idempotencyKey is not null && idempotencyKey.Length is < 1 or > 256)
            return Error(new(400, "invalid_idempotency_key", "The key must be between 1-256 chars."));

        var invalid = Validate(body);
        var hash = Convert.ToHexString(SHA256.HashData(body));
        lock (_gate)
        {
            if (idempotencyKey is not null && _idempotency.TryGetValue(idempotencyKey, out var earlier))
                return earlier.PayloadHash == hash
                    ? (200, earlier.Response)
                    : Error(new(409, "invalid_idempotent_request",
                        "Same idempotency key used with a different request payload. Change your idempotency key or payload."));
            if (invalid is not null) return Error(invalid);

            var id = Guid.NewGuid().ToString();
            var response = JsonSerializer.Serialize(new { id });
            if (idempotencyKey is not null) _idempotency[idempotencyKey] = (hash, response);
            _sent.Add(new FakeResendSend(id, idempotencyKey, Encoding.UTF8.GetString(body), headers));
            foreach (var (count, done) in _waiters)
                if (_sent.Count >= count) done.TrySetResult();
            return (200, response);
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> sends were accepted; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task<IReadOnlyList<FakeResendSend>> WaitForAsync(int count, TimeSpan timeout)
    {
        var waiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_sent.Count >= count) return _sent.ToList();
            _waiters.Add(waiter);
        }
        try
        {
            await waiter.Item2.Task.WaitAsync(timeout);
            return Sent;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"expected {count} accepted sends within {timeout.TotalSeconds} s, got {Sent.Count}");
        }
        finally
        {
            lock (_gate) _waiters.Remove(waiter);
        }
    }

    public static string ErrorJson(FakeResendError error) =>
        JsonSerializer.Serialize(new { statusCode = error.Status, name = error.Name, message = error.Message });

    private static (int, string) Error(FakeResendError error) => (error.Status, ErrorJson(error));

    private static FakeResendError? Validate(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return FakeResendSendValidator.Validate(document.RootElement);
        }
        catch (JsonException e)
        {
            return FakeResendError.Invalid($"The request body is not valid JSON: {e.Message}");
        }
    }
}
