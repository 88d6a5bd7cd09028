import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { testId } from '../testId.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Props<T> {
  open: boolean;
  title: string;
  okText: string;
  onClose: () => void;
  form: FormInstance<T>;
  /** The request the form sends: its pending state, its error (shown on fields where it can be), reset on close. */
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  onFinish: (values: T) => void;
  initialValues?: Partial<T>;
  /** Shown above the form, e.g. a help note or a loading error of the form's own lists. */
  intro?: ReactNode;
  width?: number;
  /**
   * Keep values of fields that unmount (default false: a hidden field's value is dropped). Forms
   * whose list rows carry values no input shows (a stored phone's position) need true; give them
   * a fresh form per opening instead (see useOpeningCount).
   */
  preserve?: boolean;
  submitTestId: string;
  children: ReactNode;
}

/** A dialog around one form: submits through the form, shows the server's answer, forgets it on close. */
export function FormModal<T>({
  open,
  title,
  okText,
  onClose,
  form,
  mutation,
  onFinish,
  initialValues,
  intro,
  width,
  preserve = false,
  submitTestId,
  children,
}: Props<T>) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterClose={() => mutation.reset()}
      width={width}
      okButtonProps={{ ...testId(submitTestId) }}
    >
      {intro}
      <ErrorAlert error={mutation.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        preserve={preserve}
        initialValues={initialValues}
        onFinish={onFinish}
      >
        {children}
      </Form>
    </Modal>
  );
}
