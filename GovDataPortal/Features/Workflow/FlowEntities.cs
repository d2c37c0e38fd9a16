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
    /// <summary>Ended by the portal or an administrator without a decision (e.g. its subject was deleted).</summary>
    Cancelled = 5,
}

/// <summary>What a task is for: a step of the flow, or one of the engine's own tasks around a step.</summary>
public enum FlowTaskKind
{
    Step = 1,
    /// <summary>The submitter revises a returned subject and resubmits it (the step reopens).</summary>
    Revision = 2,
    /// <summary>The consent a deadline extension needs (shuangpai Art. 27).</summary>
    ExtensionConsent = 3,
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

    /// <summary>The rules this flow started under (<see cref="Policies.PolicyProfile.Version"/>); it keeps them to its end.</summary>
    public string RulesVersion { get; set; } = "";

    /// <summary>The date given at the start for <see cref="Policies.DeadlineAnchor.GivenDate"/> deadlines (e.g. the law-change date).</summary>
    public DateOnly? AnchorDate { get; set; }

    /// <summary>A requester without a portal account (a citizen or an organisation); null for a department's own request.</summary>
    public FlowParty? RequesterParty { get; set; }

    /// <summary>How it ended, as its subject learned it (deemed approval is not a plain approval).</summary>
    public FlowOutcome? Outcome { get; set; }

    /// <summary>For a deemed approval, the rule that deemed it; for a refusal, its reasons.</summary>
    public string? OutcomeNote { get; set; }

    /// <summary>Counts step openings; the tasks of one opening (several for 会签/或签) share its number.</summary>
    public int Openings { get; set; }
    public uint Version { get; set; }
    public List<FlowTask> Tasks { get; set; } = [];
    public List<FlowEvent> Events { get; set; } = [];
}

public enum FlowPartyKind
{
    /// <summary>A citizen, known by name and 公民身份号码.</summary>
    Person = 1,
    /// <summary>An organisation, known by name and 统一社会信用代码.</summary>
    Organisation = 2,
}

/// <summary>A requester without a portal account: a citizen or an organisation, with how to reach them.</summary>
public sealed class FlowParty
{
    public FlowPartyKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>公民身份号码 for a person, 统一社会信用代码 for an organisation.</summary>
    public string IdentityNumber { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
}

public enum NoticeMethod
{
    Phone = 1,
    Sms = 2,
    Email = 3,
    Post = 4,
    InPerson = 5,
    Platform = 6,
}

/// <summary>What a flow's requester was told, how and when (已告知) — e.g. shuangpai Art. 40 告知异议提出人.</summary>
public class FlowPartyNotice : IAudited
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long? TaskId { get; set; }
    public NoticeMethod Method { get; set; }
    public DateTimeOffset NotifiedAt { get; set; }
    public string Content { get; set; } = "";
    public string RecordedByUserId { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
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
    public FlowTaskKind Kind { get; set; } = FlowTaskKind.Step;

    /// <summary>The step opening this task belongs to (<see cref="FlowInstance.Openings"/>); siblings share it.</summary>
    public int Opening { get; set; }
    public int AssigneeDepartmentId { get; set; }
    public string? AssigneeRole { get; set; }
    public string? AssigneeUserId { get; set; }
    public FlowTaskStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The date the working days count from (the step's anchor: arrival, the flow's start, or a given date).</summary>
    public DateOnly? CountsFrom { get; set; }

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

    /// <summary>The branch chosen at a choice step.</summary>
    public string? BranchKey { get; set; }

    /// <summary>A refusal's reasons, kept on the task so a 会签 step can hand all of them on.</summary>
    public string? DecisionComment { get; set; }

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
        b.Property(i => i.RulesVersion).HasMaxLength(100).IsRequired();
        b.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.OutcomeNote).HasMaxLength(2000);
        b.OwnsOne(i => i.RequesterParty, p =>
        {
            p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).HasColumnName("PartyKind");
            p.Property(x => x.Name).HasMaxLength(200).HasColumnName("PartyName");
            p.Property(x => x.IdentityNumber).HasMaxLength(18).HasColumnName("PartyIdentityNumber");
            p.Property(x => x.Phone).HasMaxLength(32).HasColumnName("PartyPhone");
            p.Property(x => x.Email).HasMaxLength(200).HasColumnName("PartyEmail");
            p.Property(x => x.Address).HasMaxLength(300).HasColumnName("PartyAddress");
        });
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
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(t => t.BranchKey).HasMaxLength(64);
        b.Property(t => t.DecisionComment).HasMaxLength(2000);
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
            .HasFilter($"\"Kind\" = '{nameof(FlowTaskKind.ExtensionConsent)}' AND \"Status\" = 'Open'");
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

internal sealed class FlowPartyNoticeConfiguration : IEntityTypeConfiguration<FlowPartyNotice>
{
    public void Configure(EntityTypeBuilder<FlowPartyNotice> b)
    {
        b.ToTable("flow_party_notices");
        b.Property(n => n.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(n => n.Content).HasMaxLength(2000).IsRequired();
        b.Property(n => n.RecordedByUserId).HasMaxLength(64).IsRequired();
        b.HasOne<FlowInstance>().WithMany().HasForeignKey(n => n.InstanceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => n.InstanceId);
    }
}
