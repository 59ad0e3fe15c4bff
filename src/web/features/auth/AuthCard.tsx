import type { ReactNode } from 'react';

/** The narrow centred column the login steps share. */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-9 col-lg-6">
        <div className="card card-bg shadow-sm auth-card">
          <div className="card-body p-4 p-lg-5">{children}</div>
        </div>
      </div>
    </div>
  );
}
