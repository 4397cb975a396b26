/**
 * Streams that attach themselves to the roles that serve them: a role's policy is written before the
 * streams it names exist (each stream's construct needs the role first), so the policy holds lazy references
 * that resolve at synth, once every stream has attached itself. Used by `LogArchive` and `LogDestinationRoles`.
 */
import { Lazy } from "cdktf";

export interface AttachedStreamsProps {
  /** Who holds the streams, as errors name it, e.g. `LogArchive my-bucket`. */
  readonly owner: string;
  /** The construct that attaches a stream, e.g. `LogSubscription`. */
  readonly attacher: string;
  readonly streamNames: readonly string[];
}

export class AttachedStreams<T> {
  private readonly attached = new Map<string, T>();

  constructor(private readonly props: AttachedStreamsProps) {}

  /** Records what a stream created; `known` has checked that the stream is one of the owner's. */
  public attach(streamName: string, stream: T): void {
    if (this.attached.has(streamName)) {
      throw new Error(`${this.props.owner}: stream "${streamName}" is attached twice. Allowed: one ${this.props.attacher} per stream`);
    }
    this.attached.set(streamName, stream);
  }

  /** A reference from an attached stream, resolved at synth, when every stream has attached itself. */
  public lazy(streamName: string, pick: (stream: T) => string): string {
    return Lazy.stringValue({
      produce: () => {
        const stream = this.attached.get(streamName);
        if (stream === undefined) {
          const { owner, attacher, streamNames } = this.props;
          throw new Error(`${owner}: stream "${streamName}" has no ${attacher}. Allowed: a ${attacher} for each of ${streamNames.join(", ")}`);
        }
        return pick(stream);
      },
    });
  }
}
