using System.Net;
using System.Net.Mail;
using System.Text;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Notifications;

/// <summary>What one mailing run did; <see cref="Complete"/> is false when the mail server failed and mail is still pending.</summary>
public sealed record MailRun(int Sent, int Skipped, bool Complete = true)
{
    public static readonly MailRun None = new(0, 0);
    public static MailRun operator +(MailRun a, MailRun b) => new(a.Sent + b.Sent, a.Skipped + b.Skipped, a.Complete && b.Complete);
}

/// <summary>
/// Mails unmailed notifications. A batch is claimed with FOR UPDATE SKIP LOCKED, sent, and its <c>EmailedAt</c> set in
/// the same transaction, so across nodes each notification is mailed once. <c>EmailedAt</c> means "settled for e-mail":
/// a notification that cannot be mailed — its user has no (valid) address, the server refused it, or it is older
/// than <see cref="MaxAge"/> when mail is switched on — is settled unsent (and logged) rather than retried every minute
/// forever or mailed as a stale flood later. A server that is down leaves the rest of the batch for the next run.
/// </summary>
public sealed class NotificationMailer(
    IDbContextFactory<PortalDbContext> factory,
    IOptionsMonitor<SmtpOptions> options,
    TimeProvider clock,
    ILogger<NotificationMailer> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);
    // Short: the batch's rows stay locked while it sends, and a stalled server must not keep readers waiting long.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Sends everything pending, batch by batch; nothing at all when <c>Smtp:Host</c> is empty.</summary>
    public async Task<MailRun> SendPendingAsync(CancellationToken ct = default)
    {
        var o = options.CurrentValue;
        if (!o.Enabled) return MailRun.None;
        if (!MailAddress.TryCreate(o.From, out _))
        {
            logger.LogError("已配置 Smtp:Host，但 Smtp:From 为空或不是有效的邮箱地址，通知邮件未发送。");
            return MailRun.None;
        }
        var total = MailRun.None;
        while (!ct.IsCancellationRequested)
        {
            var (run, claimed, complete) = await SendBatchAsync(o, ct);
            total += run with { Complete = complete };
            if (!complete || claimed < o.BatchSize) break;
        }
        return total;
    }

    private async Task<(MailRun Run, int Claimed, bool Complete)> SendBatchAsync(SmtpOptions o, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Notifications
            .FromSql($"""SELECT * FROM notifications WHERE "EmailedAt" IS NULL ORDER BY "Id" LIMIT {o.BatchSize} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);
        if (batch.Count == 0) return (MailRun.None, 0, true);
        var userIds = batch.Select(n => n.UserId).Distinct().ToList();
        var addresses = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);

        var (run, complete) = await SendAllAsync(o, batch, addresses, ct);
        // Not cancellable: what went out must be recorded, or the next run would send it again.
        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        if (run.Skipped > 0) logger.LogInformation("通知邮件：{Count} 条因无有效邮箱、邮箱被拒或已过时而不发送。", run.Skipped);
        return (run, batch.Count, complete);
    }

    private async Task<(MailRun Run, bool Complete)> SendAllAsync(SmtpOptions o, List<Notification> batch,
        Dictionary<string, string?> addresses, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int sent = 0, skipped = 0;
        using var smtp = Client(o);
        foreach (var n in batch)
        {
            if (addresses.GetValueOrDefault(n.UserId) is not { } to || !MailAddress.TryCreate(to, out _) || now - n.CreatedAt > MaxAge)
            {
                (n.EmailedAt, skipped) = (now, skipped + 1);
                continue;
            }
            try
            {
                using var message = Message(o, n, to);
                // SmtpClient.Timeout does not apply to SendMailAsync: a server that accepts and then stalls must not
                // hold a job worker (and the mail job's lock) for ever.
                using var perMessage = CancellationTokenSource.CreateLinkedTokenSource(ct);
                perMessage.CancelAfter(SendTimeout);
                await smtp.SendMailAsync(message, perMessage.Token);
                (n.EmailedAt, sent) = (now, sent + 1);
            }
            catch (SmtpFailedRecipientException e)
            {
                logger.LogWarning(e, "邮件服务器拒收地址 {Address}，通知 {Id} 不再发送邮件。", to, n.Id);
                (n.EmailedAt, skipped) = (now, skipped + 1);
            }
            catch (Exception e) when (e is SmtpException or IOException or OperationCanceledException)
            {
                if (!ct.IsCancellationRequested) logger.LogWarning(e, "邮件服务器不可用或无响应，剩余通知稍后重试。");
                return (new(sent, skipped), false);
            }
        }
        return (new(sent, skipped), true);
    }

    private static SmtpClient Client(SmtpOptions o) => new(o.Host!, o.Port)
    {
        EnableSsl = o.EnableSsl,
        DeliveryMethod = SmtpDeliveryMethod.Network,
        Timeout = 30_000,
        Credentials = string.IsNullOrEmpty(o.UserName) ? null : new NetworkCredential(o.UserName, o.Password),
    };

    private static MailMessage Message(SmtpOptions o, Notification n, string to)
    {
        var message = new MailMessage(o.From!, to)
        {
            Subject = n.Title,
            Body = Body(o, n),
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        return message;
    }

    /// <summary>The notification's text, then where to act on it.</summary>
    public static string Body(SmtpOptions o, Notification n)
    {
        var text = new StringBuilder(n.Body).AppendLine().AppendLine();
        if (n.Href is { Length: > 0 } link)
            text.AppendLine(string.IsNullOrWhiteSpace(o.PortalUrl)
                ? $"请登录政务数据资源管理门户查看：{link}"
                : $"查看详情：{o.PortalUrl.TrimEnd('/')}/{link.TrimStart('/')}");
        return text.AppendLine().Append("（本邮件由政务数据资源管理门户自动发送，请勿直接回复。）").ToString();
    }
}
