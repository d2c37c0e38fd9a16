using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Notifications;

/// <summary>A message to one user (task assigned, reminder, decision …), shown under the header bell, optionally mailed.</summary>
public class Notification : IAuditNamed
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    /// <summary>The task it is about; set through <see cref="Task"/> so a task created in the same save gets its id.</summary>
    public long? TaskId { get; set; }
    public Workflow.FlowTask? Task { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the notification leads: its stored link, else the page of its task.</summary>
    public string? Href => LinkOf(Link, TaskId);

    public static string? LinkOf(string? link, long? taskId) => link ?? (taskId is { } id ? Workflow.FlowRuntime.InboxLink(id) : null);
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }

    public static AuditNames AuditNames { get; } = new("通知");
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.UserId).HasMaxLength(64).IsRequired();
        b.Property(n => n.Title).HasMaxLength(200).IsRequired();
        b.Property(n => n.Body).HasMaxLength(2000).IsRequired();
        b.Property(n => n.Link).HasMaxLength(300);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
        b.HasOne(n => n.Task).WithMany().HasForeignKey(n => n.TaskId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(n => n.EmailedAt).HasFilter("\"EmailedAt\" IS NULL").HasDatabaseName("ix_notifications_unmailed");
    }
}
