namespace GovDataPortal.Features.Workflow;

/// <summary>
/// What a printable decision letter (决定书 / 答复函, issue 10 §4) states, whatever the subject: its number, the parties and
/// the data concerned, the decision, its reasons, its date and the article it rests on, and how the decision came about.
/// </summary>
public sealed record DecisionLetter(
    string Title,
    string Number,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<DecisionLetterField> Fields,
    string Decision,
    string? Reasons,
    DateTimeOffset? DecidedAt,
    string? Article,
    IReadOnlyList<FlowHistoryLine> Course,
    IReadOnlyList<FlowNoticeLine> Notices,
    string BackLink);

public sealed record DecisionLetterField(string Label, string Value);

/// <summary>Reads the decisive lines of a flow's history for a decision letter.</summary>
public static class DecisionLetters
{
    public const string NotDecidedMessage = "该事项尚未作出决定，暂无决定书。";
    public const string WithdrawnMessage = "该事项已撤回，未作出决定，无决定书。";
    public const string TerminatedMessage = "该事项流程已终止，未作出决定，无决定书。";

    /// <summary>The actions that decide a step (reminders, escalations, notices and extensions do not).</summary>
    private static readonly HashSet<string> Deciding =
    [
        FlowActions.Approve, FlowActions.Reject, FlowActions.DeemedApproval, FlowActions.Choose,
        FlowActions.VerifiedNoError, FlowActions.VerifiedCorrected,
    ];

    /// <summary>
    /// The steps decided, oldest first. The approval of a step that tells a requester without an account the result
    /// (its 已告知 line comes just before it) only records the telling, not a decision, so it is left out: the notices
    /// are listed on their own.
    /// </summary>
    public static IReadOnlyList<FlowHistoryLine> Course(IReadOnlyList<FlowHistoryLine> history) =>
        [.. history.Where((line, i) => Deciding.Contains(line.Action)
            && !(line.Action == FlowActions.Approve && i > 0 && history[i - 1].Action == FlowActions.Notified))];

    /// <summary>
    /// The line the decision rests on: for a refusal the last refusal (a requester accepting it afterwards decides
    /// nothing), otherwise the last deciding line (after a coordination the coordinator's, on timeout the deemed consent).
    /// </summary>
    public static FlowHistoryLine? Decisive(IReadOnlyList<FlowHistoryLine> course, bool refused) =>
        (refused ? course.LastOrDefault(l => l.Action == FlowActions.Reject) : null) ?? course.LastOrDefault();
}
