namespace MailStreams.Hosting;

/// <summary>Size limits on what the daemon accepts (section <c>MailStreams:Limits</c>); larger bodies get 413 with the limit.</summary>
public sealed class LimitsSettings
{
    /// <summary>A Resend webhook delivery's body (metadata only, so small in practice); below the 1 MiB record limit, leaving room for the record's headers.</summary>
    public long WebhookBodyBytes { get; set; } = 1_000_000;

    /// <summary>A raw RFC 5322 message posted to the local ingress; it must also fit one 1 MiB stream record.</summary>
    public long MessageBytes { get; set; } = 768 * 1024;
}
