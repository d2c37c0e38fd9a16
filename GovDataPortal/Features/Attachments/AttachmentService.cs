using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Attachments;

/// <summary>
/// A file as the browser or a client hands it over. <see cref="Open"/> is only called once the name and declared size
/// passed, so an oversized file is never read.
/// </summary>
public sealed record AttachmentUpload(string FileName, long Length, Func<Stream> Open);

/// <summary>A checked file held in memory until the feature saves it with its owner.</summary>
public sealed record StagedAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The bytes of a stored file, for the download endpoints.</summary>
public sealed record AttachmentFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Decides who may read the attachments of one owner type; the owning feature registers it (a data check's evidence is
/// readable by whoever may read the check). An owner type without one is readable by nobody.
/// </summary>
public interface IAttachmentAccess
{
    string OwnerType { get; }

    Task<bool> CanReadAsync(string ownerId, CancellationToken ct);
}

/// <summary>Checks, stores and serves attachments. Storing is part of the owner's unit of work (the feature saves).</summary>
public sealed class AttachmentService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    IEnumerable<IAttachmentAccess> access)
{
    /// <summary>Reads and checks the upload: the file, or the Chinese reason it is refused (the caller names the field).</summary>
    public async Task<(StagedAttachment? File, string? Error)> StageAsync(AttachmentUpload upload, CancellationToken ct)
    {
        if (AttachmentRules.Check(upload.FileName, upload.Length) is { } problem) return (null, problem);
        var name = AttachmentRules.StoredName(upload.FileName);
        var content = await ReadCappedAsync(upload, ct);
        // The declared size may lie (an API client, a tampered browser): the bytes read decide.
        if (content is null) return (null, $"文件不能超过 {AttachmentRules.SizeText(Attachment.MaxBytes)}。");
        if (content.Length == 0) return (null, "文件为空。");
        if (!AttachmentRules.ContentMatches(name, content)) return (null, "文件内容与扩展名不符。");
        return (new StagedAttachment(name, AttachmentRules.ContentTypeOf(name)!, content), null);
    }

    private static async Task<byte[]?> ReadCappedAsync(AttachmentUpload upload, CancellationToken ct)
    {
        await using var stream = upload.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Attachment.MaxBytes) return null;
        }
        return buffer.ToArray();
    }

    /// <summary>Adds the file to the owner's unit of work.</summary>
    public Attachment Add(PortalDbContext db, StagedAttachment staged, string ownerType, string ownerId)
    {
        var attachment = new Attachment
        {
            Id = Guid.NewGuid(), OwnerType = ownerType, OwnerId = ownerId,
            FileName = staged.FileName, ContentType = staged.ContentType, Length = staged.Content.Length, Content = staged.Content,
            UploadedByUserId = actor.UserId!, UploadedAt = clock.GetUtcNow(),
        };
        db.Attachments.Add(attachment);
        return attachment;
    }

    /// <summary>The file, when the owner's feature lets the actor read it; null when there is no such file.</summary>
    public async Task<AttachmentFile?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = await db.Attachments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.OwnerType, a.OwnerId }).FirstOrDefaultAsync(ct);
        if (owner is null) return null;
        var rule = access.FirstOrDefault(a => a.OwnerType == owner.OwnerType);
        if (rule is null || !await rule.CanReadAsync(owner.OwnerId, ct)) throw new AccessDeniedException("您无权下载该附件。");
        return await db.Attachments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AttachmentFile(a.FileName, a.ContentType, a.Content)).FirstAsync(ct);
    }
}
