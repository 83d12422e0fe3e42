using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using MimeKit;

namespace MailStreams.Host.Cli;

/// <summary><c>mailstreams send</c>: posts an .eml file, or a message made from --from/--to/--subject/--text, to the daemon.</summary>
internal static class SendCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("eml") { Description = "an RFC 5322 message file (.eml)", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string>("--from") { Description = "sender", DefaultValueFactory = _ => "Alice <alice@example.org>" };
        var to = new Option<string?>("--to") { Description = "recipient, e.g. reverser@example.com" };
        var subject = new Option<string?>("--subject") { Description = "subject (default: the first line of --text)" };
        var text = new Option<string?>("--text") { Description = "text body" };
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("send", "Send an email into MailStreams through the local ingress (POST /api/messages).")
            { file, from, to, subject, text, url, token };
        command.SetAction(async (parse, ct) =>
        {
            byte[] raw;
            if (parse.GetValue(file) is { } eml)
            {
                if (!eml.Exists) return CommonOptions.Fail($"no such file: {eml.FullName}", 2);
                raw = await File.ReadAllBytesAsync(eml.FullName, ct);
            }
            else if (parse.GetValue(to) is { } recipient && parse.GetValue(text) is { } body)
            {
                try { raw = Compose(parse.GetValue(from)!, recipient, parse.GetValue(subject) ?? SubjectOf(body), body); }
                catch (ParseException e) { return CommonOptions.Fail("bad address: " + e.Message, 2); }
            }
            else return CommonOptions.Fail("give an .eml file, or --to and --text (with optional --from and --subject)", 2);

            return await PostAsync(parse.GetValue(url)!, parse.GetValue(token), raw, ct);
        });
        return command;
    }

    private static string SubjectOf(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 60 ? line : line[..60];
    }

    public static byte[] Compose(string from, string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mailstreams.local");
        message.Body = new TextPart("plain") { Text = text };
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    private static async Task<int> PostAsync(string url, string? token, byte[] raw, CancellationToken ct)
    {
        using var client = CommonOptions.Client(url, token);
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        try
        {
            using var response = await client.PostAsync("api/messages", content, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return CommonOptions.Fail($"the daemon answered {(int)response.StatusCode}: {answer}");
            Console.WriteLine(answer);
            using var result = System.Text.Json.JsonDocument.Parse(answer);
            if (result.RootElement.GetProperty("inboxes").GetArrayLength() > 0) return 0;
            return CommonOptions.Fail("no inbox took this email: " + string.Join("; ",
                result.RootElement.GetProperty("unrouted").EnumerateArray().Select(e => e.GetString())));
        }
        catch (HttpRequestException e)
        {
            return CommonOptions.Fail($"cannot reach the daemon at {url} ({e.Message}); is `mailstreams run` running?");
        }
    }
}
