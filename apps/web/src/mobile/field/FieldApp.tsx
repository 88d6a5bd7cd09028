import { Navigate, Route, Routes } from 'react-router-dom';
import { MobileFrame } from '../MobileFrame.tsx';
import { JobPage } from './JobPage.tsx';
import { JobsPage } from './JobsPage.tsx';
import { useFieldLive } from './useFieldLive.ts';
import './field.css';

/** The technician's phone pages under /m: their jobs and one job. */
export function FieldApp() {
  useFieldLive();
  return (
    <MobileFrame>
      <Routes>
        <Route path="jobs" element={<JobsPage />} />
        <Route path="jobs/:id" element={<JobPage />} />
        <Route path="*" element={<Navigate to="/m/jobs" replace />} />
      </Routes>
    </MobileFrame>
  );
}
