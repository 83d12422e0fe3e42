using System.Security.Cryptography;
using System.Text;
using MailStreams.Mail;
using MimeKit;

namespace MailStreams.Sending;

/// <summary>
/// The embedded default sender: writes each reply as an .eml file into one directory instead of sending it.
/// The file name and the Message-ID come from the idempotency key, and the file is written atomically
/// (temporary file, then move), so sending the same key again leaves the one file there and reports it as sent.
/// Invalid emails are <see cref="SendResult.Permanent"/> (422); disk errors are <see cref="SendResult.Transient"/>.
/// </summary>
internal sealed class FileMailSender(string directory, TimeProvider? clock = null) : IMailSender
{
    private const int MaxBaseNameLength = 120;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task<SendResult> SendAsync(OutboundEmail email, string idempotencyKey, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return new SendResult.Permanent(422, "The idempotency key is empty.");
        var messageId = MessageIdOf(idempotencyKey);
        if (!EmlMessageFactory.TryCreate(email, messageId, _clock.GetUtcNow(), out var message, out var error))
            return new SendResult.Permanent(422, error);

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var fileName = FileNameFor(idempotencyKey, messageId);
            await WriteOnceAsync(message, Path.Combine(Directory, fileName), messageId, ct);
            return new SendResult.Sent(fileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SendResult.Transient($"Could not write the .eml file: {e.Message}");
        }
    }

    /// <summary>&lt;first 32 hex digits of SHA-256(key)@mailstreams.local&gt;: the same key always gives the same id.</summary>
    public static string MessageIdOf(string idempotencyKey) =>
        "<" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@mailstreams.local>";

    /// <summary>
    /// <c>inbox/reverser:5</c> → <c>inbox_reverser_5.eml</c>. If another key already took that name (the sanitizing is
    /// lossy) or the key is very long, a hash of the key is appended so different keys never share a file.
    /// </summary>
    private string FileNameFor(string idempotencyKey, string messageId)
    {
        var sanitized = new StringBuilder(idempotencyKey.Length);
        foreach (var c in idempotencyKey) sanitized.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var hashed = sanitized.ToString(0, Math.Min(sanitized.Length, MaxBaseNameLength)) + "_" + messageId[1..17] + ".eml";
        if (sanitized.Length > MaxBaseNameLength) return hashed;

        var plain = sanitized + ".eml";
        var existing = Path.Combine(Directory, plain);
        return !File.Exists(existing) || MessageIdInFile(existing) == messageId ? plain : hashed;
    }

    private static async Task WriteOnceAsync(MimeMessage message, string path, string messageId, CancellationToken ct)
    {
        if (File.Exists(path)) return;
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await message.WriteToAsync(EmlMessageFactory.Format, stream, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path) && MessageIdInFile(path) == messageId)
        {
            // Another send of the same key won the race: its file is the one we wanted to write.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string? MessageIdInFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var headers = HeaderList.Load(stream);
            return MessageIds.Normalize(headers[HeaderId.MessageId]);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
