import { Component, type ReactNode } from 'react';

/** Shows `fallback` when a lazy chunk fails to load (offline, or a deploy replaced the files). */
export class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
