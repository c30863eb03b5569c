/** Line icons drawn for the kiosk (no icon font: everything works offline). Decorative: words always go beside them. */
import type { ReactElement, ReactNode } from 'react';
import type { PriorityCategory } from '@layso/shared';

interface IconProps {
  className?: string;
}

function Svg({ className, children }: IconProps & { children: ReactNode }): ReactElement {
  return (
    <svg
      className={className}
      viewBox="0 0 64 64"
      fill="none"
      stroke="currentColor"
      strokeWidth={4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function ElderlyIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <circle cx="28" cy="10" r="5" fill="currentColor" />
      <path d="M27 18c-4 2-7 8-8 14l6 2 2-8 2 10-6 22" />
      <path d="M29 36l7 8v14" />
      <path d="M30 22l8 6" />
      <path d="M40 28c3 0 4 2 4 4v26" />
    </Svg>
  );
}

export function DisabledIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <circle cx="26" cy="9" r="5" fill="currentColor" />
      <path d="M26 17v17h16l6 16" />
      <path d="M26 25h12" />
      <path d="M19 28a16 16 0 1 0 24 18" />
    </Svg>
  );
}

export function FamilyIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <circle cx="22" cy="9" r="5" fill="currentColor" />
      <path d="M22 17c-5 0-8 5-8 11v10h5l1 20h8l1-20" />
      <path d="M22 18c6 2 8 8 7 14" />
      <circle cx="44" cy="30" r="4" fill="currentColor" />
      <path d="M44 37v10l-4 11M44 47l4 11M38 42h12" />
    </Svg>
  );
}

export function VeteranIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M22 4l10 16 10-16" />
      <circle cx="32" cy="40" r="18" />
      <path d="M32 29l3.5 7.2 7.9 1.1-5.7 5.5 1.4 7.8L32 46.9l-7.1 3.7 1.4-7.8-5.7-5.5 7.9-1.1z" fill="currentColor" strokeWidth={2} />
    </Svg>
  );
}

export const PRIORITY_ICONS: Record<PriorityCategory, (p: IconProps) => ReactElement> = {
  elderly: ElderlyIcon,
  disabled: DisabledIcon,
  pregnant_or_child: FamilyIcon,
  veteran: VeteranIcon,
};

export function BackIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M40 12L20 32l20 20" strokeWidth={6} />
    </Svg>
  );
}

export function ChevronIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M24 12l20 20-20 20" strokeWidth={6} />
    </Svg>
  );
}

export function ClockIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <circle cx="32" cy="32" r="24" />
      <path d="M32 18v15l10 6" />
    </Svg>
  );
}

export function PrinterIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M18 24V8h28v16" />
      <rect x="8" y="24" width="48" height="22" rx="4" />
      <path d="M18 38h28v20H18z" />
      <path d="M24 46h16M24 52h10" />
    </Svg>
  );
}

export function TakeTicketIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M16 6h32v30H16z" />
      <path d="M24 16h16M24 24h10" />
      <path d="M32 40v18M22 48l10 10 10-10" strokeWidth={5} />
    </Svg>
  );
}

export function WarningIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M32 6L60 56H4z" />
      <path d="M32 24v14" strokeWidth={6} />
      <circle cx="32" cy="47" r="2.5" fill="currentColor" />
    </Svg>
  );
}

export function PauseIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <circle cx="32" cy="32" r="26" />
      <path d="M25 22v20M39 22v20" strokeWidth={6} />
    </Svg>
  );
}

export function HourglassIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M16 6h32M16 58h32" />
      <path d="M20 6c0 14 24 14 24 26S20 46 20 58M44 6c0 14-24 14-24 26s24 14 24 26" />
    </Svg>
  );
}

export function PhoneIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <rect x="18" y="4" width="28" height="56" rx="5" />
      <path d="M28 52h8" />
    </Svg>
  );
}

export function GlobeIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <circle cx="32" cy="32" r="26" />
      <path d="M6 32h52M32 6c8 8 10 18 10 26s-2 18-10 26M32 6c-8 8-10 18-10 26s2 18 10 26" />
    </Svg>
  );
}

/** Two chain links: pairing this device with the system. */
export function LinkIcon(p: IconProps): ReactElement {
  return (
    <Svg {...p}>
      <path d="M27 37a10 10 0 0 0 14 0l10-10a10 10 0 0 0-14-14l-5 5" />
      <path d="M37 27a10 10 0 0 0-14 0L13 37a10 10 0 0 0 14 14l5-5" />
    </Svg>
  );
}
