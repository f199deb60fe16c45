"""`tracker recommendation …` and `tracker reply …`: scripted corrections of the register, each one
transaction with its change log, through `tracker.services.corrections` (which the app calls too)."""

from __future__ import annotations

import argparse

from tracker.cli.commands_store import recommendation_json, reply_json
from tracker.cli.common import Output, add_command, if_version_option, services_for
from tracker.domain import DISPOSITIONS
from tracker.domain.formatting import plural
from tracker.errors import BadInput


def register(subparsers: argparse._SubParsersAction) -> None:
    recommendation = subparsers.add_parser(
        "recommendation", help="correct the register: add, remove, renumber, merge or change a recommendation"
    )
    rec_sub = recommendation.add_subparsers(
        dest="recommendation_command", metavar="ACTION", parser_class=subparsers._parser_class
    )
    rec_sub.required = True
    p = add_command(rec_sub, "set", cmd_recommendation_set, "change a recommendation's text or disposition")
    _cycle_number(p)
    p.add_argument("--text", metavar="TEXT")
    p.add_argument("--disposition", metavar="D", help=", ".join(DISPOSITIONS))
    if_version_option(p, "the recommendation")

    p = add_command(rec_sub, "add", cmd_recommendation_add, "add a recommendation the reader missed")
    _cycle_number(p)
    p.add_argument("--text", required=True, metavar="TEXT")
    p.add_argument(
        "--subpoint", action="append", default=[], metavar="TEXT", help="a sub-point (give it once for each)"
    )
    p.add_argument("--addressee", default="", metavar="TEXT", help="whom it is addressed to")

    p = add_command(
        rec_sub, "remove", cmd_recommendation_remove, "remove a recommendation (one read stays set aside)"
    )
    _cycle_number(p)
    p.add_argument("--yes", action="store_true", help="needed: the recommendation and its reply links go")
    if_version_option(p, "the recommendation")

    p = add_command(rec_sub, "renumber", cmd_recommendation_renumber, "give a recommendation another number")
    _cycle_number(p)
    p.add_argument("new_number", metavar="NEW_NUMBER")
    if_version_option(p, "the recommendation")

    p = add_command(
        rec_sub, "merge", cmd_recommendation_merge, "join OTHER into NUMBER (text, sub-points, reply links)"
    )
    _cycle_number(p)
    p.add_argument("other", metavar="OTHER")
    if_version_option(p, "recommendation NUMBER")

    p = add_command(
        rec_sub,
        "related",
        cmd_recommendation_related,
        "asked before: earlier recommendations of the same panel that ask for the same thing",
    )
    _cycle_number(p)
    p.add_argument(
        "--min-score",
        type=_score,
        default=None,
        metavar="S",
        help="list suggestions scoring S or more (0-1; default 0.5, the line for the same ask)",
    )

    p = add_command(
        rec_sub, "link", cmd_recommendation_link, "confirm or dismiss that OTHER asked for the same thing"
    )
    _cycle_number(p)
    p.add_argument("other_cycle", metavar="OTHER_CYCLE")
    p.add_argument("other_number", metavar="OTHER_NUMBER")
    said = p.add_mutually_exclusive_group(required=True)
    said.add_argument("--confirm", action="store_const", const="confirmed", dest="state")
    said.add_argument("--dismiss", action="store_const", const="dismissed", dest="state")
    said.add_argument("--clear", action="store_const", const="", dest="state", help="back to the suggestion")

    p = add_command(
        rec_sub,
        "subpoint",
        cmd_recommendation_subpoint,
        "say whether the reply answers sub-point INDEX, or correct or remove it",
    )
    _cycle_number(p)
    p.add_argument(
        "index",
        metavar="INDEX",
        help="the sub-point as the papers print it (b, or 2(b) for recommendation 2), or its place from 1",
    )
    said = p.add_mutually_exclusive_group()
    said.add_argument("--answered", action="store_const", const="answered", dest="state")
    said.add_argument("--not-answered", action="store_const", const="not answered", dest="state")
    said.add_argument(
        "--clear", action="store_const", const="", dest="state", help="back to the reply's words"
    )
    said.add_argument("--text", metavar="TEXT", help="the sub-point's words, corrected")
    said.add_argument("--remove", action="store_true", help="remove the sub-point (with --yes)")
    p.add_argument("--yes", action="store_true", help="needed with --remove")
    if_version_option(p, "the recommendation")

    reply = subparsers.add_parser(
        "reply", help="say which passage of the reply answers which recommendations"
    )
    reply_sub = reply.add_subparsers(
        dest="reply_command", metavar="ACTION", parser_class=subparsers._parser_class
    )
    reply_sub.required = True
    p = add_command(
        reply_sub, "set", cmd_reply_set, "the passage that answers NUMBERS (3, or 3,4 for a grouped answer)"
    )
    p.add_argument("cycle", metavar="CYCLE")
    p.add_argument("numbers", metavar="NUMBERS")
    p.add_argument("--text", required=True, metavar="TEXT", help="the passage, as the reply words it")
    p.add_argument(
        "--disposition", metavar="D", help=f"{', '.join(DISPOSITIONS)} (default: as the words suggest)"
    )
    if_version_option(
        p, "the reply passage that answers the first number now (0: only if none answers it yet)"
    )

    p = add_command(reply_sub, "clear", cmd_reply_clear, "the reply has no answer to this recommendation")
    _cycle_number(p)
    if_version_option(p, "the reply passage that answers it now")


def _cycle_number(p: argparse.ArgumentParser) -> None:
    p.add_argument("cycle", metavar="CYCLE")
    p.add_argument("number", metavar="NUMBER")


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not 0 <= score <= 1:
        raise argparse.ArgumentTypeError(f"--min-score: {value!r} is not a number from 0 to 1")
    return score


def asked_before_json(item) -> dict:
    return {
        "cycle": item.cycle_id,
        "number": item.number,
        "text": item.text,
        "score": item.score,
        "disposition": item.disposition,
        "reply_status": item.reply_status,
        "theme": item.theme,
        "link": item.link,
        "follow_ups": [
            {"kind": f.kind, "due": f.due, "text": f.text, "met": f.met_on} for f in item.follow_ups
        ],
    }


def cmd_recommendation_related(args: argparse.Namespace) -> Output:
    from tracker.domain.similarity import SAME_ASK

    found = services_for(args).asked_before.related(
        args.cycle, args.number, SAME_ASK if args.min_score is None else args.min_score
    )
    data = [asked_before_json(item) for item in found]
    if not found:
        return Output(
            data,
            f"Recommendation {args.number} of {args.cycle}: not asked before, as far as the app can tell",
        )
    lines = [f"Recommendation {args.number} of {args.cycle} was asked before:"]
    for item in found:
        said = " (confirmed)" if item.link == "confirmed" else ""
        lines.append(
            f"  {item.cycle_id} {item.number}  score {item.score:.2f}{said}  "
            f"{item.disposition or item.reply_status}: {item.text}"
        )
        lines.extend(
            f"      {f.kind} due {f.due or 'no date'}{', met ' + str(f.met_on) if f.met_on else ''}: {f.text}"
            for f in item.follow_ups
        )
    return Output(data, "\n".join(lines))


def cmd_recommendation_link(args: argparse.Namespace) -> Output:
    state = args.state or None
    before = services_for(args).asked_before.link(
        args.cycle, args.number, args.other_cycle, args.other_number, state
    )
    data = {
        "cycle": args.cycle,
        "number": args.number,
        "other_cycle": args.other_cycle,
        "other_number": args.other_number,
        "link": state,
        "before": before,
    }
    said = {"confirmed": "asks for the same thing as", "dismissed": "does not ask again"}
    text = (
        f"Recommendation {args.number} of {args.cycle} {said[state]} {args.other_cycle} {args.other_number}"
        if state
        else f"Recommendation {args.number} of {args.cycle}: back to the app's suggestion on {args.other_cycle} "
        f"{args.other_number}"
    )
    return Output(data, text)


def cmd_recommendation_subpoint(args: argparse.Namespace) -> Output:
    from tracker.services import subpoints

    services = services_for(args)
    if args.state is None and args.text is None and not args.remove:
        raise BadInput(
            "recommendation subpoint",
            "",
            "needs one of --answered, --not-answered, --clear, --text or --remove",
        )
    if args.remove and not args.yes:
        point = subpoints.find_subpoint(services.uow, args.cycle, args.number, args.index)
        raise BadInput(
            "--yes",
            "",
            f"is needed to remove sub-point ({point.label}) of recommendation {point.number} of {args.cycle} "
            f'("{point.text}"). Nothing was removed; to remove it: tracker recommendation subpoint '
            f"{args.cycle} {point.number} {point.label} --remove --yes",
        )
    if args.state is not None:
        done = subpoints.set_subpoint_status(
            services.uow,
            services.user,
            args.cycle,
            args.number,
            args.index,
            args.state or None,
            args.if_version,
        )
        said = done.status or "left to the reply's words"
    else:
        done = subpoints.edit_subpoint(
            services.uow,
            services.user,
            args.cycle,
            args.number,
            args.index,
            text=args.text,
            remove=args.remove,
            if_version=args.if_version,
        )
        said = "removed" if done.removed else "corrected"
    data = {
        "cycle": args.cycle,
        "number": done.number,
        "index": done.index,
        "label": done.label,
        "text": done.text,
        "status": done.status,
        "removed": done.removed,
        "version": done.version,
    }
    return Output(
        data,
        f"Sub-point ({done.label}) of recommendation {done.number} ({done.text}): {said} "
        f"(recommendation version {done.version})",
    )


def _saved(args: argparse.Namespace, row, what: str) -> Output:
    data = {"cycle": args.cycle, **recommendation_json(row)}
    return Output(data, f"Recommendation {row.number} of {args.cycle} {what} (version {row.version})")


def cmd_recommendation_set(args: argparse.Namespace) -> Output:
    row = services_for(args).recommendations.set_recommendation(
        args.cycle, args.number, text=args.text, disposition=args.disposition, if_version=args.if_version
    )
    return _saved(args, row, "is changed")


def cmd_recommendation_add(args: argparse.Namespace) -> Output:
    row = services_for(args).corrections.add_recommendation(
        args.cycle, args.number, args.text, args.subpoint, args.addressee
    )
    where = f"; found in {row.source.document}" if row.source else ""
    return _saved(args, row, f"is added{where}")


def cmd_recommendation_remove(args: argparse.Namespace) -> Output:
    if not args.yes:
        plan = services_for(args).corrections.removal_plan(args.cycle, args.number)
        words = plan.text.split()
        start = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        links = [plural(plan.replies, "reply link"), plural(plan.follow_ups, "follow-up")]
        raise BadInput(
            "--yes",
            "",
            f'is needed to remove recommendation {plan.number} of {plan.cycle_id} ("{start}") with its '
            f"{' and '.join(links)}. Nothing was removed; to remove it: tracker recommendation remove "
            f"{plan.cycle_id} {plan.number} --yes",
        )
    done = services_for(args).corrections.remove_recommendation(args.cycle, args.number, args.if_version)
    data = {
        "cycle": done.cycle_id,
        "removed": done.number,
        "set_aside": done.set_aside,
        "replies_unlinked": done.replies_unlinked,
        "follow_ups_removed": done.follow_ups_removed,
    }
    kept = "; set aside, so importing the report again does not bring it back" if done.set_aside else ""
    return Output(data, f"Removed recommendation {done.number} of {done.cycle_id}{kept}")


def cmd_recommendation_renumber(args: argparse.Namespace) -> Output:
    row = services_for(args).corrections.renumber(args.cycle, args.number, args.new_number, args.if_version)
    return _saved(args, row, f"is the new number of {args.number}")


def cmd_recommendation_merge(args: argparse.Namespace) -> Output:
    row = services_for(args).corrections.merge(args.cycle, args.number, args.other, args.if_version)
    return _saved(args, row, f"now holds {args.other}")


def cmd_reply_set(args: argparse.Namespace) -> Output:
    row = services_for(args).corrections.set_reply(
        args.cycle, args.numbers, args.text, args.disposition, args.if_version
    )
    data = {"cycle": args.cycle, **reply_json(row)}
    return Output(
        data,
        f"Reply to {', '.join(row.covers)} of {args.cycle} recorded ({row.disposition}; version {row.version})",
    )


def cmd_reply_clear(args: argparse.Namespace) -> Output:
    done = services_for(args).corrections.clear_reply(args.cycle, args.number, args.if_version)
    data = {"cycle": done.cycle_id, "number": done.number, "passages_untied": done.passages}
    return Output(data, f"Recommendation {done.number} of {done.cycle_id} has no answer in the reply now")
