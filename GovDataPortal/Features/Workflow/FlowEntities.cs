using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Workflow;

public enum FlowStatus
{
    Running = 1,
    /// <summary>Every step approved (or answered).</summary>
    Completed = 2,
    Rejected = 3,
    Withdrawn = 4,
}

public enum FlowTaskStatus
{
    Open = 1,
    Done = 2,
    /// <summary>Closed without a decision (the instance ended another way).</summary>
    Cancelled = 3,
}

/// <summary>
/// One run of a flow for one subject (a share request, a data check …). The flow's rules come from the active policy
/// profile when it starts and are copied onto its tasks, so a later configuration change never moves a running deadline.
/// </summary>
public class FlowInstance : IAudited
{
    public long Id { get; set; }
    public string FlowKey { get; set; } = "";
    public string FlowName { get; set; } = "";
    public string Jurisdiction { get; set; } = "";
    public string SubjectType { get; set; } = "";
    public string SubjectId { get; set; } = "";
    public string SubjectTitle { get; set; } = "";
    public int ProviderDepartmentId { get; set; }
    public int RequesterDepartmentId { get; set; }
    public string SubmittedByUserId { get; set; } = "";
    public string? NamedUserId { get; set; }
    public FlowStatus Status { get; set; }
    public string? CurrentStepKey { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public uint Version { get; set; }
    public List<FlowTask> Tasks { get; set; } = [];
    public List<FlowEvent> Events { get; set; } = [];
}

/// <summary>
/// Work waiting for a role in a department (or a named user). Acted on once: <see cref="Version"/> (xmin) makes the
/// second of two simultaneous decisions fail instead of overwriting the first.
/// </summary>
public class FlowTask : IAudited
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public FlowInstance? Instance { get; set; }
    public string StepKey { get; set; } = "";
    public string StepName { get; set; } = "";
    public int AssigneeDepartmentId { get; set; }
    public string? AssigneeRole { get; set; }
    public string? AssigneeUserId { get; set; }
    public FlowTaskStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Working days the rule allows (null: no enforced deadline).</summary>
    public int? DeadlineDays { get; set; }
    public int ExtensionDays { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public bool Provisional { get; set; }

    /// <summary>The rule line shown with the deadline ("依据《…》第二十条：10个工作日").</summary>
    public string RuleText { get; set; } = "";
    public string OnTimeout { get; set; } = "";
    public bool Escalated { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedByUserId { get; set; }
    public string? Decision { get; set; }

    /// <summary>For an extension-consent task: the task whose deadline it would extend, and by how many working days.</summary>
    public long? RelatedTaskId { get; set; }
    public int? RequestedDays { get; set; }

    /// <summary>For a revision task: the step that returned the subject, reopened on resubmission.</summary>
    public string? ReturnedStepKey { get; set; }
    public uint Version { get; set; }
}

/// <summary>One line of an instance's history: who did what, when, why, under which rule. Never changed.</summary>
public class FlowEvent : IAudited
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long? TaskId { get; set; }
    public string Action { get; set; } = "";
    public string? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public int? ActorDepartmentId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? Comment { get; set; }
    public string? RuleText { get; set; }
}

public enum FlowTimerKind
{
    /// <summary>Some working days before the due date.</summary>
    Reminder = 1,
    /// <summary>On the morning of the due day.</summary>
    DueToday = 2,
    /// <summary>After the deadline: the step's timeout action (remind / escalate / deemed approval).</summary>
    Overdue = 3,
}

/// <summary>
/// A durable timer. A sweep claims due rows with FOR UPDATE SKIP LOCKED and performs the action and sets
/// <see cref="FiredAt"/> in one transaction, so each action happens exactly once across nodes and crashes.
/// </summary>
public class FlowTimer
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public FlowTask? Task { get; set; }
    public FlowTimerKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public string? FiredBy { get; set; }
}

internal sealed class FlowInstanceConfiguration : IEntityTypeConfiguration<FlowInstance>
{
    public void Configure(EntityTypeBuilder<FlowInstance> b)
    {
        b.ToTable("flow_instances");
        b.Property(i => i.FlowKey).HasMaxLength(64).IsRequired();
        b.Property(i => i.FlowName).HasMaxLength(100).IsRequired();
        b.Property(i => i.Jurisdiction).HasMaxLength(16).IsRequired();
        b.Property(i => i.SubjectType).HasMaxLength(64).IsRequired();
        b.Property(i => i.SubjectId).HasMaxLength(64).IsRequired();
        b.Property(i => i.SubjectTitle).HasMaxLength(200).IsRequired();
        b.Property(i => i.SubmittedByUserId).HasMaxLength(64).IsRequired();
        b.Property(i => i.NamedUserId).HasMaxLength(64);
        b.Property(i => i.CurrentStepKey).HasMaxLength(64);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(i => new { i.SubjectType, i.SubjectId });
        b.HasIndex(i => new { i.RequesterDepartmentId, i.Status });
        b.Property(i => i.Version).IsRowVersion();
    }
}

internal sealed class FlowTaskConfiguration : IEntityTypeConfiguration<FlowTask>
{
    public const string OneOpenExtensionIndex = "ux_flow_tasks_one_open_extension";

    public void Configure(EntityTypeBuilder<FlowTask> b)
    {
        b.ToTable("flow_tasks");
        b.Property(t => t.StepKey).HasMaxLength(64).IsRequired();
        b.Property(t => t.StepName).HasMaxLength(100).IsRequired();
        b.Property(t => t.AssigneeRole).HasMaxLength(64);
        b.Property(t => t.AssigneeUserId).HasMaxLength(64);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.RuleText).HasMaxLength(500).IsRequired();
        b.Property(t => t.OnTimeout).HasMaxLength(32).IsRequired();
        b.Property(t => t.CompletedByUserId).HasMaxLength(64);
        b.Property(t => t.Decision).HasMaxLength(32);
        b.Property(t => t.ReturnedStepKey).HasMaxLength(64);
        b.HasOne(t => t.Instance).WithMany(i => i.Tasks).HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        // The inbox reads open tasks only; closed ones pile up year after year, so these indexes leave them out.
        b.HasIndex(t => new { t.AssigneeDepartmentId, t.AssigneeRole, t.DueAt })
            .HasFilter("\"Status\" = 'Open'").HasDatabaseName("ix_flow_tasks_open_by_role");
        b.HasIndex(t => new { t.AssigneeUserId, t.DueAt })
            .HasFilter("\"Status\" = 'Open' AND \"AssigneeUserId\" IS NOT NULL").HasDatabaseName("ix_flow_tasks_open_by_user");
        // One extension request waits for consent per flow at a time (shuangpai Art. 27): the database holds the rule, so
        // simultaneous requests cannot each see none waiting and all insert one.
        b.HasIndex(t => t.InstanceId, OneOpenExtensionIndex).IsUnique()
            .HasFilter($"\"StepKey\" = '{WorkflowEngine.ExtensionConsentStep}' AND \"Status\" = 'Open'");
        // The plain index for "the tasks of a flow" stays: the partial one above covers consent tasks only.
        b.HasIndex(t => t.InstanceId);
        // 已办: what a person decided, newest first.
        b.HasIndex(t => new { t.CompletedByUserId, t.CompletedAt });
        b.Property(t => t.Version).IsRowVersion();
    }
}

internal sealed class FlowEventConfiguration : IEntityTypeConfiguration<FlowEvent>
{
    public void Configure(EntityTypeBuilder<FlowEvent> b)
    {
        b.ToTable("flow_events");
        b.Property(e => e.Action).HasMaxLength(32).IsRequired();
        b.Property(e => e.ActorUserId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Comment).HasMaxLength(2000);
        b.Property(e => e.RuleText).HasMaxLength(500);
        b.HasOne<FlowInstance>().WithMany(i => i.Events).HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.InstanceId, e.Id });
    }
}

internal sealed class FlowTimerConfiguration : IEntityTypeConfiguration<FlowTimer>
{
    public void Configure(EntityTypeBuilder<FlowTimer> b)
    {
        b.ToTable("flow_timers");
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.FiredBy).HasMaxLength(100);
        b.HasOne(t => t.Task).WithMany().HasForeignKey(t => t.TaskId).OnDelete(DeleteBehavior.Cascade);
        // The sweep reads only unfired timers in due order.
        b.HasIndex(t => t.DueAt).HasFilter("\"FiredAt\" IS NULL").HasDatabaseName("ix_flow_timers_pending");
        b.HasIndex(t => t.TaskId);
    }
}
